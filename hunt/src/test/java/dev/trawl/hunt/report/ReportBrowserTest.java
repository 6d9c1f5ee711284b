package dev.trawl.hunt.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Renders the HTML report in a real headless Chromium and checks the screenshot: the requested size, not blank, and
 * the series' and anomalies' colours drawn where the chart is. Only a browser shows that the inline SVG, the CSS and
 * the layout actually produce a picture.
 *
 * <p>The browser is the system property {@code trawl.browser}, else the environment variable {@code TRAWL_BROWSER},
 * else {@code chromium}, {@code chromium-browser}, {@code google-chrome} or {@code google-chrome-stable} on the PATH.
 * Without one the test is skipped on a developer's machine, but fails in CI (environment variable {@code CI} set),
 * where a skipped browser test would hide that the report was never looked at. Set the system property
 * {@code trawl.report.screenshot} to a file to keep the screenshot.
 */
class ReportBrowserTest {
    private static final int WIDTH = 1280;
    private static final int HEIGHT = 1600;
    private static final List<String> BROWSER_NAMES = List.of("chromium", "chromium-browser", "google-chrome",
            "google-chrome-stable");

    @Test
    void headlessChromiumDrawsTheReport(@TempDir Path folder) throws IOException, InterruptedException {
        Optional<Path> browser = findBrowser();
        if (browser.isEmpty()) {
            String ci = System.getenv("CI");
            if (ci != null && !ci.isEmpty()) {
                fail("CI is set but no browser was found: install Chromium (.ci/run does, from Debian's chromium "
                        + "package) or name one with -Dtrawl.browser=PATH or TRAWL_BROWSER=PATH; looked for "
                        + BROWSER_NAMES + " on PATH");
            }
            Assumptions.abort("no Chromium on PATH and no trawl.browser / TRAWL_BROWSER; the browser test runs in CI");
        }
        Path html = folder.resolve("report.html");
        HtmlReport.write(ReportFixture.input(), html);
        Path screenshot = folder.resolve("report.png");
        Path log = folder.resolve("browser.log");
        List<String> command = new ArrayList<>(List.of(browser.get().toString(), "--headless", "--disable-gpu",
                "--no-sandbox", "--hide-scrollbars", "--force-device-scale-factor=1", "--no-first-run",
                // Lets the page settle before the capture; without it a tile was once caught half painted.
                "--virtual-time-budget=2000",
                "--user-data-dir=" + folder.resolve("profile"), "--screenshot=" + screenshot,
                "--window-size=" + WIDTH + "," + HEIGHT, html.toUri().toString()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail("the browser did not finish in 120 s: " + command + "\n" + Files.readString(log));
        }
        assertTrue(Files.isRegularFile(screenshot), "no screenshot; exit " + process.exitValue() + "\n"
                + Files.readString(log));
        String keep = System.getProperty("trawl.report.screenshot", "");
        if (!keep.isEmpty()) {
            Files.copy(screenshot, Path.of(keep), StandardCopyOption.REPLACE_EXISTING);
        }

        BufferedImage image = ImageIO.read(screenshot.toFile());
        assertEquals(WIDTH, image.getWidth(), "screenshot width");
        assertEquals(HEIGHT, image.getHeight(), "screenshot height");
        assertTrue(luminanceVariance(image) > 200, "the page is not blank: variance " + luminanceVariance(image));

        // The first chart (one series) is the first thing below the header; its line is the first series colour.
        Box seriesPixels = pixelsNear(image, rgb(SvgChart.SERIES_COLOURS[0]));
        assertTrue(seriesPixels.count() > 1500, "the series line is drawn: " + seriesPixels.count() + " pixels");
        assertTrue(seriesPixels.width() > WIDTH * 0.7, "the line spans the chart: " + seriesPixels);
        assertTrue(seriesPixels.top() > 100 && seriesPixels.top() < HEIGHT / 2, "the chart is near the top: "
                + seriesPixels);
        Box anomalyPixels = pixelsNear(image, rgb(SvgChart.ANOMALY_UP_COLOUR));
        assertTrue(anomalyPixels.count() > 40, "anomaly markers are drawn: " + anomalyPixels.count() + " pixels");
        assertTrue(anomalyPixels.left() >= seriesPixels.left() - 10 && anomalyPixels.right() <= seriesPixels.right()
                + 10, "the markers are on the chart: " + anomalyPixels + " within " + seriesPixels);
    }

    private static Optional<Path> findBrowser() {
        String named = System.getProperty("trawl.browser", "");
        if (named.isEmpty()) {
            named = Optional.ofNullable(System.getenv("TRAWL_BROWSER")).orElse("");
        }
        if (!named.isEmpty()) {
            Path path = Path.of(named);
            if (!Files.isExecutable(path)) {
                fail("the named browser " + named + " is not an executable file");
            }
            return Optional.of(path);
        }
        String pathVariable = Optional.ofNullable(System.getenv("PATH")).orElse("");
        for (String name : BROWSER_NAMES) {
            for (String dir : pathVariable.split(File.pathSeparator)) {
                if (dir.isEmpty()) {
                    continue;
                }
                Path candidate = Path.of(dir, name);
                if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }

    private static double luminanceVariance(BufferedImage image) {
        double sum = 0;
        double squares = 0;
        long count = 0;
        for (int y = 0; y < image.getHeight(); y += 2) {
            for (int x = 0; x < image.getWidth(); x += 2) {
                int rgb = image.getRGB(x, y);
                double luminance = 0.299 * (rgb >> 16 & 0xff) + 0.587 * (rgb >> 8 & 0xff) + 0.114 * (rgb & 0xff);
                sum += luminance;
                squares += luminance * luminance;
                count++;
            }
        }
        double mean = sum / count;
        return squares / count - mean * mean;
    }

    private static int rgb(String hex) {
        return Integer.parseInt(hex.substring(1), 16);
    }

    /** Where pixels within a small distance of a colour are (antialiasing blends a line's edges). */
    record Box(int count, int left, int top, int right, int bottom) {
        int width() {
            return right - left;
        }
    }

    private static Box pixelsNear(BufferedImage image, int colour) {
        int count = 0;
        int left = Integer.MAX_VALUE;
        int top = Integer.MAX_VALUE;
        int right = -1;
        int bottom = -1;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int rgb = image.getRGB(x, y);
                int dr = (rgb >> 16 & 0xff) - (colour >> 16 & 0xff);
                int dg = (rgb >> 8 & 0xff) - (colour >> 8 & 0xff);
                int db = (rgb & 0xff) - (colour & 0xff);
                if (dr * dr + dg * dg + db * db <= 30 * 30) {
                    count++;
                    left = Math.min(left, x);
                    top = Math.min(top, y);
                    right = Math.max(right, x);
                    bottom = Math.max(bottom, y);
                }
            }
        }
        return new Box(count, left, top, right, bottom);
    }
}
