package org.flatcheck.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.flatcheck.calculus.LocalModel;
import org.flatcheck.io.DatasetCsv;
import org.flatcheck.io.NetworkJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every plot is rendered to SVG and PNG; the SVG parses as XML, the PNG decodes, and each holds the
 * expected series: the PNG has pixels of every series' colour, the SVG strokes in it, and the numbers
 * behind the picture (--json) show what the picture must show.
 */
class PlotCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String NET = "examples/mlp-2-3-1.json";
    private static final String DATA = "examples/mlp-2-3-1-data.csv";

    @TempDir
    Path dir;

    @Test
    void orbitShowsHessianMeasuresExplodingAndInvariantOnesFlat() throws Exception {
        JsonNode plot = render("orbit", 4);
        Map<String, JsonNode> series = byName(plot);
        assertEquals(java.util.Set.of("hessian-lambda-max", "hessian-trace", "psi-flatness-trace", "quotient-hessian-trace"),
                series.keySet());
        for (String flat : new String[] {"psi-flatness-trace", "quotient-hessian-trace"}) {
            JsonNode y = series.get(flat).get("y");
            for (JsonNode v : y) {
                assertEquals(y.get(0).asDouble(), v.asDouble(), 0.0, flat + " is the same number at every α");
            }
        }
        JsonNode trace = series.get("hessian-trace").get("y");
        double min = Double.MAX_VALUE;
        double max = 0;
        for (JsonNode v : trace) {
            min = Math.min(min, v.asDouble());
            max = Math.max(max, v.asDouble());
        }
        assertTrue(max / min > 1000, "the Hessian trace moves by orders of magnitude along the orbit");
        assertEquals(41, trace.size());
    }

    @Test
    void sliceCurvesAllPassThroughTheLossAtTheCentre() throws Exception {
        JsonNode plot = render("slice", 3);
        double loss = LocalModel.of(NetworkJson.read(Path.of(NET)), DatasetCsv.read(Path.of(DATA))).loss().doubleValue();
        for (JsonNode s : plot.get("series")) {
            assertEquals(41, s.get("x").size());
            assertEquals(0.0, s.get("x").get(20).asDouble(), 0.0);
            assertEquals(loss, s.get("y").get(20).asDouble(), 0.0, s.get("name").asText() + " at t = 0");
        }
        CliRun two = CliRun.of("plot", "slice", "--net", NET, "--data", DATA, "--2d", "--direction", "basis", "--points", "5",
                "-o", dir.resolve("s2.png").toString(), "--json");
        assertEquals(0, two.code(), two.err());
        JsonNode grid = JSON.readTree(two.out()).get("grid");
        assertEquals(5, grid.get("z").size());
        assertEquals(loss, grid.get("z").get(2).get(2).asDouble(), 1e-12 * loss);
        assertNotNull(ImageIO.read(dir.resolve("s2.png").toFile()));
    }

    @Test
    void spectrumHasOnePointPerParameterAscending() throws Exception {
        JsonNode plot = render("spectrum", 1);
        JsonNode y = plot.get("series").get(0).get("y");
        assertEquals(NetworkJson.read(Path.of(NET)).numParameters(), y.size());
        for (int i = 1; i < y.size(); i++) {
            assertTrue(y.get(i - 1).asDouble() <= y.get(i).asDouble());
        }
    }

    @Test
    void badPlotArgumentsAreUsageErrorsAndLeaveNoFile() throws IOException {
        Path out = dir.resolve("x.gif");
        assertEquals(2, CliRun.of("plot", "orbit", "--net", NET, "--data", DATA, "-o", out.toString()).code());
        Path svg = dir.resolve("x.svg");
        CliRun run = CliRun.of("plot", "orbit", "--net", NET, "--data", DATA, "-o", svg.toString(), "--from", "0");
        assertEquals(2, run.code());
        assertTrue(run.err().contains("--from must be positive"), run.err());
        run = CliRun.of("plot", "slice", "--net", NET, "--data", DATA, "-o", svg.toString(), "--direction", "sideways");
        assertEquals(2, run.code());
        run = CliRun.of("plot", "slice", "--net", NET, "--data", DATA, "-o", svg.toString(), "--direction", "random,random");
        assertEquals(2, run.code(), run.err());
        assertTrue(run.err().contains("--direction: random is given twice"), run.err());
        run = CliRun.of("plot", "orbit", "--net", "examples/skip-dag.json", "--data", "examples/skip-dag-data.json", "-o", svg.toString());
        assertEquals(2, run.code());
        assertTrue(run.err().contains("layered"), run.err());
        assertFalse(Files.exists(out) || Files.exists(svg));
    }

    /** Renders {@code kind} to SVG and PNG, checks both files, returns the plotted numbers. */
    private JsonNode render(String kind, int seriesCount) throws Exception {
        Path png = dir.resolve(kind + ".png");
        Path svg = dir.resolve(kind + ".svg");
        CliRun run = CliRun.of("plot", kind, "--net", NET, "--data", DATA, "-o", png.toString(), "--json");
        assertEquals(0, run.code(), run.err());
        assertEquals(0, CliRun.of("plot", kind, "--net", NET, "--data", DATA, "-o", svg.toString()).code());
        BufferedImage image = ImageIO.read(png.toFile());
        assertNotNull(image, "the PNG decodes");
        var factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        assertEquals("svg", factory.newDocumentBuilder().parse(svg.toFile()).getDocumentElement().getNodeName());
        String svgText = Files.readString(svg);
        Color[] colors = org.flatcheck.report.PlotWriter.COLORS;
        for (int s = 0; s < seriesCount; s++) {
            Color c = colors[s];
            int count = 0;
            for (int y = 0; y < image.getHeight(); y++) {
                for (int x = 0; x < image.getWidth(); x++) {
                    count += (image.getRGB(x, y) & 0xFFFFFF) == (c.getRGB() & 0xFFFFFF) ? 1 : 0;
                }
            }
            assertTrue(count > 30, kind + ": series " + s + " is drawn in the PNG (" + count + " pixels)");
            assertTrue(svgText.contains("rgb(" + c.getRed() + "," + c.getGreen() + "," + c.getBlue() + ")"),
                    kind + ": series " + s + " is drawn in the SVG");
        }
        return JSON.readTree(run.out());
    }

    private static Map<String, JsonNode> byName(JsonNode plot) {
        Map<String, JsonNode> m = new HashMap<>();
        plot.get("series").forEach(s -> m.put(s.get("name").asText(), s));
        return m;
    }
}
