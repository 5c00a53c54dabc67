/**
 * ID photos from snapshots: {@link io.gpen4j.idphoto.IdPhotoMaker} (detect, restore, level, matte,
 * crop to an {@link io.gpen4j.idphoto.IdPhotoSpec}, replace the background, report), with
 * {@link io.gpen4j.idphoto.IdPhotoSpecs} (the standards as data), {@link io.gpen4j.idphoto.IdPhotoWriter}
 * (JPEG or PNG with the dpi, under a size limit) and {@link io.gpen4j.idphoto.PrintSheet} (copies on
 * photo paper). Start at {@link io.gpen4j.idphoto.IdPhotoMaker#builder}.
 */
package io.gpen4j.idphoto;
