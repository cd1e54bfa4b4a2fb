package io.seq4j.core.bundle;

import io.seq4j.core.backend.Backend;
import io.seq4j.core.io.AtomicFiles;
import io.seq4j.core.nn.RecurrentKernels;
import io.seq4j.core.text.LabelSet;
import io.seq4j.core.text.Vocabulary;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * One zip file per trained model:
 * <ul>
 *   <li>DL4J's own entries {@code configuration.json}, {@code coefficients.bin} and (optionally)
 *       {@code updaterState.bin}, as ModelSerializer writes them;</li>
 *   <li>plain-text artifacts under {@code artifacts/} (vocabularies, label sets, codecs);</li>
 *   <li>{@code manifest.properties}: format version, seq4j version, task, network type, seed,
 *       backend, settings ({@code setting.*}), metrics ({@code metric.*}), creation time, and the
 *       SHA-256 of every other entry ({@code sha256.NAME}).</li>
 * </ul>
 * No Java serialization. Writing is atomic. Loading checks the format version and every entry's
 * digest (bundles written before digests existed load without that check) and reports a corrupt,
 * truncated, foreign or spliced file (entries swapped or taken from another bundle) as a
 * {@link BundleFormatException} naming the file.
 */
public final class ModelBundle {
    /** Bundle format written by this version; loading accepts this version or lower. */
    public static final int FORMAT_VERSION = 1;
    public static final String MANIFEST = "manifest.properties";
    private static final String DIGEST = "sha256.";
    private static final String ARTIFACTS = "artifacts/";
    private static final Set<String> DL4J_ENTRIES = Set.of("configuration.json", "coefficients.bin", "updaterState.bin");

    private final String task;
    private final Model network;
    private final Map<String, String> settings;
    private final Map<String, String> metrics;
    private final Map<String, String> artifacts;
    private final Map<String, String> info;

    private ModelBundle(String task, Model network, Map<String, String> settings, Map<String, String> metrics,
                        Map<String, String> artifacts, Map<String, String> info) {
        this.task = task;
        this.network = network;
        this.settings = Collections.unmodifiableMap(new TreeMap<>(settings));
        this.metrics = Collections.unmodifiableMap(new TreeMap<>(metrics));
        this.artifacts = Collections.unmodifiableMap(new TreeMap<>(artifacts));
        this.info = Collections.unmodifiableMap(new TreeMap<>(info));
    }

    /** Starts a bundle for a task ("ner", "sentiment", ...) and a MultiLayerNetwork or ComputationGraph. */
    public static Builder builder(String task, Model network) {
        return new Builder(task, network);
    }

    public String task() { return task; }
    public Map<String, String> settings() { return settings; }
    public Map<String, String> metrics() { return metrics; }
    /** Manifest entries other than settings and metrics (format, versions, seed, backend, created). */
    public Map<String, String> info() { return info; }
    public Set<String> artifactNames() { return artifacts.keySet(); }

    /** A setting; BundleFormatException-free: IllegalStateException naming the key when absent. */
    public String setting(String key) {
        String v = settings.get(key);
        if (v == null) throw new IllegalStateException("bundle of task '" + task + "' has no setting '" + key + "'");
        return v;
    }

    public Model network() {
        return network;
    }

    /** The network as a MultiLayerNetwork; IllegalStateException if it is a ComputationGraph. */
    public MultiLayerNetwork multiLayerNetwork() {
        if (network instanceof MultiLayerNetwork m) return m;
        throw new IllegalStateException("bundle holds a " + network.getClass().getSimpleName() + ", not a MultiLayerNetwork");
    }

    /** The network as a ComputationGraph; IllegalStateException if it is a MultiLayerNetwork. */
    public ComputationGraph computationGraph() {
        if (network instanceof ComputationGraph g) return g;
        throw new IllegalStateException("bundle holds a " + network.getClass().getSimpleName() + ", not a ComputationGraph");
    }

    /** A text artifact; IllegalStateException naming it when absent. */
    public String artifact(String name) {
        String v = artifacts.get(name);
        if (v == null) throw new IllegalStateException("bundle has no artifact '" + name + "' (has " + artifacts.keySet() + ")");
        return v;
    }

    public Vocabulary vocabulary(String name) throws IOException {
        return Vocabulary.read(new BufferedReader(new StringReader(artifact(name))), ARTIFACTS + name);
    }

    public LabelSet labels(String name) throws IOException {
        return LabelSet.read(new BufferedReader(new StringReader(artifact(name))), ARTIFACTS + name);
    }

    /** Writes the bundle atomically (temp file + rename); the updater state is included. */
    public void save(Path file) throws IOException {
        save(file, true);
    }

    /** Writes the bundle atomically; without the updater state the file is smaller but cannot resume training. */
    public void save(Path file, boolean withUpdater) throws IOException {
        ByteArrayOutputStream dl4j = new ByteArrayOutputStream();
        ModelSerializer.writeModel(network, dl4j, withUpdater);
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(dl4j.toByteArray()))) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                if (DL4J_ENTRIES.contains(e.getName())) entries.put(e.getName(), in.readAllBytes());
            }
        }
        for (Map.Entry<String, String> a : artifacts.entrySet()) {
            entries.put(ARTIFACTS + a.getKey(), a.getValue().getBytes(StandardCharsets.UTF_8));
        }
        Map<String, String> digests = new LinkedHashMap<>();
        entries.forEach((name, data) -> digests.put(DIGEST + name, sha256(data)));
        AtomicFiles.write(file, out -> {
            ZipOutputStream zip = new ZipOutputStream(out);
            put(zip, MANIFEST, manifestText(digests).getBytes(StandardCharsets.UTF_8));
            for (Map.Entry<String, byte[]> e : entries.entrySet()) put(zip, e.getKey(), e.getValue());
            zip.finish();
        });
    }

    /** Hex SHA-256 of an entry: the manifest records one per entry, so swapped or replaced entries are caught on load. */
    private static String sha256(byte[] data) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(data));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    private static void put(ZipOutputStream zip, String name, byte[] data) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(data);
        zip.closeEntry();
    }

    private String manifestText(Map<String, String> digests) {
        Map<String, String> all = new LinkedHashMap<>(info);
        all.putAll(digests);
        all.put("task", task);
        all.put("network", network instanceof ComputationGraph ? "ComputationGraph" : "MultiLayerNetwork");
        settings.forEach((k, v) -> all.put("setting." + k, v));
        metrics.forEach((k, v) -> all.put("metric." + k, v));
        StringBuilder sb = new StringBuilder("# seq4j model bundle\n");
        for (String k : new TreeSet<>(all.keySet())) {
            sb.append(escape(k, true)).append('=').append(escape(all.get(k), false)).append('\n');
        }
        return sb.toString();
    }

    /** Properties escaping, without Properties.store's timestamp comment (so bundles are reproducible). */
    private static String escape(String s, boolean key) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case '=', ':', '#', '!' -> sb.append('\\').append(c);
                case ' ' -> sb.append(key || i == 0 ? "\\ " : " ");
                default -> {
                    if (c < 0x20 || c > 0x7e) sb.append(String.format("\\u%04x", (int) c));
                    else sb.append(c);
                }
            }
        }
        return sb.toString();
    }

    /** Reads only the manifest of a bundle (cheap: the network is not restored). */
    public static Properties readManifest(Path file) throws IOException {
        try (ZipFile zip = open(file)) {
            return manifest(zip, file);
        } catch (IllegalArgumentException e) {
            throw badEntryName(file);
        }
    }

    /** ZipFile decodes entry names lazily: a name that is not UTF-8 fails on first access (found by fuzzing). */
    private static BundleFormatException badEntryName(Path file) {
        return new BundleFormatException(file.toString(), "is not a seq4j model bundle: a zip entry name is not valid UTF-8");
    }

    /**
     * Loads a bundle. Every way a file can be wrong is reported as a {@link BundleFormatException}
     * naming the file: missing, not a zip (or truncated), no manifest (foreign zip), newer format,
     * missing or corrupt entries, a network that DL4J cannot restore.
     */
    public static ModelBundle load(Path file) throws IOException {
        try (ZipFile zip = open(file)) {
            Properties mf = manifest(zip, file);
            String task = required(mf, "task", file);
            String type = required(mf, "network", file);
            Map<String, String> settings = new TreeMap<>(), metrics = new TreeMap<>(), info = new TreeMap<>();
            for (String k : mf.stringPropertyNames()) {
                if (k.startsWith("setting.")) settings.put(k.substring(8), mf.getProperty(k));
                else if (k.startsWith("metric.")) metrics.put(k.substring(7), mf.getProperty(k));
                else if (!k.equals("task") && !k.equals("network") && !k.startsWith(DIGEST)) info.put(k, mf.getProperty(k));
            }
            Map<String, String> artifacts = new TreeMap<>();
            ByteArrayOutputStream dl4j = new ByteArrayOutputStream();
            Set<String> seen = new TreeSet<>();
            try (ZipOutputStream out = new ZipOutputStream(dl4j)) {
                for (Enumeration<? extends ZipEntry> en = zip.entries(); en.hasMoreElements(); ) {
                    ZipEntry e = en.nextElement();
                    byte[] data = readEntry(zip, e, file);
                    String digest = mf.getProperty(DIGEST + e.getName());
                    if (digest != null && !digest.equals(sha256(data))) {
                        throw new BundleFormatException(file.toString(), "is corrupt: entry " + e.getName()
                                + " is not the one its manifest records (replaced, or swapped with another entry or bundle)");
                    }
                    if (DL4J_ENTRIES.contains(e.getName())) {
                        seen.add(e.getName());
                        put(out, e.getName(), data);
                    } else if (e.getName().startsWith(ARTIFACTS) && !e.isDirectory()) {
                        artifacts.put(e.getName().substring(ARTIFACTS.length()), new String(data, StandardCharsets.UTF_8));
                    }
                }
            }
            for (String k : mf.stringPropertyNames()) {
                if (k.startsWith(DIGEST) && zip.getEntry(k.substring(DIGEST.length())) == null) {
                    throw new BundleFormatException(file.toString(), "is corrupt: the entry " + k.substring(DIGEST.length()) + " is missing");
                }
            }
            for (String needed : new String[]{"configuration.json", "coefficients.bin"}) {
                if (!seen.contains(needed)) {
                    throw new BundleFormatException(file.toString(), "is corrupt: the entry " + needed + " is missing");
                }
            }
            Model network = restore(type, dl4j.toByteArray(), seen.contains("updaterState.bin"), file);
            RecurrentKernels.install(network);
            return new ModelBundle(task, network, settings, metrics, artifacts, info);
        } catch (IllegalArgumentException e) {
            throw badEntryName(file);
        }
    }

    private static Model restore(String type, byte[] zipBytes, boolean withUpdater, Path file) throws BundleFormatException {
        try (InputStream in = new ByteArrayInputStream(zipBytes)) {
            return switch (type) {
                case "MultiLayerNetwork" -> ModelSerializer.restoreMultiLayerNetwork(in, withUpdater);
                case "ComputationGraph" -> ModelSerializer.restoreComputationGraph(in, withUpdater);
                default -> throw new BundleFormatException(file.toString(), "unknown network type '" + type + "' in the manifest");
            };
        } catch (BundleFormatException e) {
            throw e;
        } catch (Exception | Error e) {   // DL4J reports a bad configuration or coefficient file in many ways
            String why = e.getMessage() == null ? e.getClass().getSimpleName() : firstLine(e.getMessage());
            throw new BundleFormatException(file.toString(), "is corrupt: DL4J could not restore the network (" + why + ")");
        }
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    private static ZipFile open(Path file) throws IOException {
        if (!Files.exists(file)) throw new BundleFormatException(file.toString(), "no such file");
        if (Files.isDirectory(file)) throw new BundleFormatException(file.toString(), "is a directory, expected a model bundle (.zip)");
        try {
            return new ZipFile(file.toFile());
        } catch (ZipException | java.io.EOFException e) {     // a file cut short can end before the zip's END record: EOFException
            throw new BundleFormatException(file.toString(), "is not a seq4j model bundle: not a zip file, or truncated ("
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()) + ")");
        }
    }

    private static Properties manifest(ZipFile zip, Path file) throws IOException {
        ZipEntry e = zip.getEntry(MANIFEST);
        if (e == null) {
            boolean dl4j = zip.getEntry("configuration.json") != null;
            throw new BundleFormatException(file.toString(), "is not a seq4j model bundle: it has no " + MANIFEST
                    + (dl4j ? " (it looks like a plain DL4J model zip)" : ""));
        }
        Properties p = new Properties();
        p.load(new StringReader(new String(readEntry(zip, e, file), StandardCharsets.UTF_8)));
        String fv = required(p, "format.version", file);
        int version;
        try {
            version = Integer.parseInt(fv.trim());
        } catch (NumberFormatException ex) {
            throw new BundleFormatException(file.toString(), "is corrupt: format.version is '" + fv + "'");
        }
        if (version > FORMAT_VERSION) {
            throw new BundleFormatException(file.toString(), "was written in bundle format " + version
                    + " by seq4j " + p.getProperty("seq4j.version", "?") + "; this seq4j reads format " + FORMAT_VERSION + " and older: upgrade seq4j");
        }
        return p;
    }

    private static String required(Properties p, String key, Path file) throws BundleFormatException {
        String v = p.getProperty(key);
        if (v == null) throw new BundleFormatException(file.toString(), "is corrupt: the manifest lacks '" + key + "'");
        return v;
    }

    private static byte[] readEntry(ZipFile zip, ZipEntry e, Path file) throws BundleFormatException {
        try (InputStream in = zip.getInputStream(e)) {
            byte[] data = in.readAllBytes();
            CRC32 crc = new CRC32();
            crc.update(data);
            if (e.getCrc() != -1 && crc.getValue() != e.getCrc()) {
                throw new BundleFormatException(file.toString(), "is corrupt: entry " + e.getName() + " fails its checksum");
            }
            return data;
        } catch (BundleFormatException ex) {
            throw ex;
        } catch (IOException ex) {
            throw new BundleFormatException(file.toString(), "is corrupt: entry " + e.getName() + " cannot be read (" + ex.getMessage() + ")");
        }
    }

    /** Builder: the task and network are required; everything else optional. */
    public static final class Builder {
        private final String task;
        private final Model network;
        private final Map<String, String> settings = new LinkedHashMap<>();
        private final Map<String, String> metrics = new LinkedHashMap<>();
        private final Map<String, String> artifacts = new LinkedHashMap<>();
        private final Map<String, String> info = new LinkedHashMap<>();

        private Builder(String task, Model network) {
            this.task = Objects.requireNonNull(task, "task");
            if (!(network instanceof MultiLayerNetwork || network instanceof ComputationGraph)) {
                throw new IllegalArgumentException("network must be a MultiLayerNetwork or ComputationGraph, got "
                        + (network == null ? "null" : network.getClass().getName()));
            }
            this.network = network;
            info.put("format.version", Integer.toString(FORMAT_VERSION));
            info.put("seq4j.version", Backend.version("seq4j.version"));
            info.put("dl4j.version", Backend.version("dl4j.version"));
            info.put("backend", Backend.init().backend());
            info.put("created", Instant.now().toString());
        }

        public Builder optSetting(String key, String value) { settings.put(key, value); return this; }
        public Builder optSettings(Map<String, String> m) { settings.putAll(m); return this; }
        public Builder optMetric(String key, double value) { metrics.put(key, Double.toString(value)); return this; }
        public Builder optSeed(long seed) { info.put("seed", Long.toString(seed)); return this; }
        /** A hash identifying the training data (e.g. SHA-256 of the files). */
        public Builder optDataHash(String hash) { info.put("data.hash", hash); return this; }
        public Builder optArtifact(String name, String text) { artifacts.put(name, text); return this; }
        public Builder optVocabulary(String name, Vocabulary v) { return optArtifact(name, String.join("\n", v.tokens()) + "\n"); }
        public Builder optLabels(String name, LabelSet l) { return optArtifact(name, l.toText()); }
        /** Free-form manifest entry (not a setting or metric), e.g. trainer state in checkpoints. */
        public Builder optInfo(String key, String value) { info.put(key, value); return this; }

        public ModelBundle build() {
            return new ModelBundle(task, network, settings, metrics, artifacts, info);
        }
    }
}
