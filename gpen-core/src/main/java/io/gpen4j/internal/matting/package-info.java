/**
 * Portrait matting behind {@link io.gpen4j.PortraitMatter}: {@link
 * io.gpen4j.internal.matting.MattingModel} runs a matting network, {@link
 * io.gpen4j.internal.matting.ParsingMatting} makes the coarser fallback matte from a face parser.
 */
package io.gpen4j.internal.matting;
