package io.seq4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.seq4j.cli.quickstart.NerExperiment;
import io.seq4j.sentiment.SentimentConfig;
import io.seq4j.sentiment.SentimentTrainer;
import io.seq4j.sentiment.WordOrderData;
import io.seq4j.seq2seq.Seq2SeqConfig;
import io.seq4j.seq2seq.Seq2SeqTrainer;
import io.seq4j.seq2seq.TranslationSampleData;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The demo page of {@code seq4j serve} in a real headless Chromium (Debian's {@code chromium} and
 * {@code chromium-driver}; skipped, saying so, when they are not installed): a sentence typed into
 * the page comes back with its entities highlighted (ner), with a label and its probability
 * (sentiment), and with its translation and attention matrix (translate). A screenshot goes to target/serve-demo.png.
 */
class DemoPageBrowserTest {
    static final Path DRIVER = Path.of("/usr/bin/chromedriver"), CHROMIUM = Path.of("/usr/bin/chromium");

    @Test
    void typedSentencesShowEntitiesAndLabels(@TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(DRIVER) && Files.isExecutable(CHROMIUM),
                "skipped: no headless browser (apt-get install chromium chromium-driver)");
        Path sentiment = dir.resolve("sentiment.zip");
        new SentimentTrainer(SentimentConfig.builder().optUnits(8).optEmbedding(8).optMinCount(1).optEpochs(2).optBatchSize(16).build(), null, null)
                .train(WordOrderData.generate(300, 1), WordOrderData.generate(30, 2)).save(sentiment);
        NerExperiment.run(600, 4, 1, dir, new PrintStream(PrintStream.nullOutputStream()));
        Path translate = dir.resolve("translate.zip");
        new Seq2SeqTrainer(Seq2SeqConfig.defaults().with("units", "8").with("embedding", "8").with("decoderUnits", "8")
                .with("minCount", "1").with("epochs", "1"), null, null)
                .train(TranslationSampleData.pairs(200, 1), TranslationSampleData.pairs(20, 2)).save(translate);
        try (ModelServer server = new ModelServer(List.of(ServedModel.load("ner", dir.resolve("ner-sample.zip")), ServedModel.load("sentiment", sentiment),
                ServedModel.load("translate", translate)),
                new ModelServer.Options("127.0.0.1", 0, null, 65536, 30_000, 16)).start()) {
            ChromeOptions o = new ChromeOptions();
            o.setBinary(CHROMIUM.toFile());
            o.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1000,820");
            ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile()).build();
            WebDriver browser = new ChromeDriver(service, o);
            try {
                browser.get("http://127.0.0.1:" + server.port() + "/");
                WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
                wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#model option")));
                new Select(browser.findElement(By.id("model"))).selectByValue("ner");
                WebElement text = browser.findElement(By.id("text"));
                text.clear();
                text.sendKeys("Harry Potter visited Paris with Hermione Granger .");
                browser.findElement(By.id("run")).click();
                WebElement entities = wait.until(ExpectedConditions.presenceOfElementLocated(By.id("entities")));
                List<WebElement> marks = entities.findElements(By.tagName("mark"));
                assertTrue(marks.stream().anyMatch(m -> m.getText().startsWith("Harry Potter") && m.getAttribute("class").equals("PER")),
                        entities.getAttribute("innerHTML"));
                File shot = ((ChromeDriver) browser).getScreenshotAs(OutputType.FILE);
                Files.copy(shot.toPath(), Path.of("target/serve-demo.png"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);

                new Select(browser.findElement(By.id("model"))).selectByValue("sentiment");
                text.clear();
                text.sendKeys("the phone is good , not bad");
                browser.findElement(By.id("run")).click();
                WebElement label = wait.until(ExpectedConditions.presenceOfElementLocated(By.id("label")));
                String expected = ApiField.of(server.port(), "sentiment", "the phone is good , not bad", "label");
                assertTrue(label.getText().startsWith(expected + " ("), label.getText() + " vs " + expected);
                assertEquals(2, browser.findElements(By.className("bar")).size());

                new Select(browser.findElement(By.id("model"))).selectByValue("translate");
                text.clear();
                text.sendKeys("the red car sees a dog .");
                browser.findElement(By.id("run")).click();
                WebElement translation = wait.until(ExpectedConditions.presenceOfElementLocated(By.id("translation")));
                var api = new com.fasterxml.jackson.databind.ObjectMapper().readTree(ApiField.body(server.port(), "translate", "the red car sees a dog ."));
                assertEquals(api.get("translation").asText(), translation.getText());
                int targetRows = api.get("attention").size();
                assertEquals(api.get("tokens").size() + (api.get("complete").asBoolean() ? 1 : 0), targetRows);
                assertEquals(targetRows, browser.findElements(By.cssSelector("#attention tbody tr")).size(), "a row per target token and EOS");
                assertEquals(8 * targetRows, browser.findElements(By.cssSelector("#attention tbody td")).size(), "7 source tokens and EOS per row");
            } finally {
                browser.quit();
            }
        }
    }

    /** A string field of what the API answers for a text (what the page must show). */
    static final class ApiField {
        static String of(int port, String model, String text, String field) throws Exception {
            String body = body(port, model, text);
            int at = body.indexOf("\"" + field + "\": \"") + field.length() + 5;
            return body.substring(at, body.indexOf('"', at));
        }

        static String body(int port, String model, String text) throws Exception {
            var http = java.net.http.HttpClient.newHttpClient();
            var r = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + port + "/v1/models/" + model + "/predict"))
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString(Json.write(Json.object("text", text)))).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            return r.body();
        }
    }
}
