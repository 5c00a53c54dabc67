package io.gpen4j.consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** gpen4j-bom must list every published module, at the build's version, and nothing else of ours. */
final class BomTest {
  private static final Path REPO = Paths.get(System.getProperty("gpen4j.repo", ".."));

  @Test
  void bom_managesEveryPublishedModule_atThisVersion() throws Exception {
    Document parent = parse(REPO.resolve("pom.xml"));
    TreeSet<String> published = new TreeSet<>();
    for (String module : texts(parent.getDocumentElement(), "module")) {
      Document pom = parse(REPO.resolve(module).resolve("pom.xml"));
      String packaging = first(pom.getDocumentElement(), "packaging", "jar");
      boolean skipped = first(pom.getDocumentElement(), "maven.deploy.skip", "false").equals("true");
      if (!skipped && !packaging.equals("pom")) {
        published.add(first(pom.getDocumentElement(), "artifactId", null));
      }
    }

    Element bom = parse(REPO.resolve("gpen4j-bom/pom.xml")).getDocumentElement();
    TreeSet<String> managed = new TreeSet<>();
    NodeList deps = bom.getElementsByTagName("dependency");
    for (int i = 0; i < deps.getLength(); i++) {
      Element d = (Element) deps.item(i);
      if (first(d, "groupId", "").equals("io.gpen4j")) {
        managed.add(first(d, "artifactId", null));
        assertEquals("${gpen4j.version}", first(d, "version", null));
      }
    }
    assertEquals(published, managed);
    assertEquals(System.getProperty("gpen4j.version"), first(bom, "gpen4j.version", null));
    assertEquals(System.getProperty("gpen4j.onnxruntime.version"), first(bom, "onnxruntime.version", null));
  }

  private static Document parse(Path pom) throws Exception {
    return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(pom.toFile());
  }

  /** The text of the first element named {@code tag} that is a child of {@code e} or of its properties. */
  private static String first(Element e, String tag, String fallback) {
    for (org.w3c.dom.Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element child) {
        if (child.getTagName().equals(tag)) {
          return child.getTextContent().trim();
        }
        if (child.getTagName().equals("properties")) {
          String inProperties = first(child, tag, null);
          if (inProperties != null) {
            return inProperties;
          }
        }
      }
    }
    return fallback;
  }

  private static List<String> texts(Element e, String tag) {
    List<String> out = new ArrayList<>();
    NodeList list = e.getElementsByTagName(tag);
    for (int i = 0; i < list.getLength(); i++) {
      out.add(list.item(i).getTextContent().trim());
    }
    return out;
  }
}
