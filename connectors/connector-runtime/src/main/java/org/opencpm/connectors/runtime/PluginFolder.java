package org.opencpm.connectors.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.pf4j.PluginDescriptor;

/**
 * The plugins folder as the host reads it: every {@code *.zip} and {@code *.jar} directly in it is
 * a plugin (folders are not: a folder left behind by an older unpacking is never loaded). Of
 * several files with the same {@code plugin.id}, the one with the highest {@code plugin.version}
 * is the plugin; the others are ignored until it is removed. A zip is unpacked into
 * {@value #UNPACKED}{@code /<file>-<digest of its content>/}, so a newer zip, even under the same
 * name, is never unpacked over the classes of the one still running; {@link #clean} deletes the
 * unpacked folders no loaded plugin uses. What a file says (id, version, digest) is read once per
 * version of the file (its identity, size and modification time): {@code GET /api/v1/plugins} scans
 * the folder on every call, and must not read every zip through each time.
 */
final class PluginFolder {

    /** Where zips are unpacked, inside the plugins folder. */
    static final String UNPACKED = ".unpacked";

    private final Path dir;
    private final Function<Path, PluginDescriptor> jarDescriptors;
    private final BiFunction<String, String, Integer> versions;
    /** What each file said when it was last read, with the attributes it had then. */
    private final Map<Path, Read> reads = new ConcurrentHashMap<>();

    private record Read(Object fileKey, long size, FileTime modified, Source source) {

        boolean stillFor(BasicFileAttributes now) {
            return Objects.equals(fileKey, now.fileKey()) && size == now.size() && modified.equals(now.lastModifiedTime());
        }
    }

    /**
     * @param jarDescriptors reads a jar plugin's descriptor (PF4J's finder)
     * @param versions       compares two plugin versions (PF4J's version manager)
     */
    PluginFolder(Path dir, Function<Path, PluginDescriptor> jarDescriptors, BiFunction<String, String, Integer> versions) {
        this.dir = dir;
        this.jarDescriptors = jarDescriptors;
        this.versions = versions;
    }

    /** A plugin file: its id and version, and the content digest that names its unpacked folder. */
    record Source(String id, String version, Path file, String digest) {

        boolean zip() {
            return file.getFileName().toString().endsWith(".zip");
        }
    }

    /** What the folder holds: the plugin of each id, and the files that are no plugin (file name → why). */
    record Scan(Map<String, Source> plugins, Map<String, String> unreadable) {
    }

    /** Reads the folder, changing nothing in it. */
    Scan scan() {
        Map<String, Source> chosen = new LinkedHashMap<>();
        Map<String, String> unreadable = new LinkedHashMap<>();
        List<Path> files;
        try (Stream<Path> list = Files.isDirectory(dir) ? Files.list(dir) : Stream.empty()) {
            files = list.filter(Files::isRegularFile).filter(p -> name(p).endsWith(".zip") || name(p).endsWith(".jar"))
                    .sorted(Comparator.comparing(PluginFolder::name)).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the plugins folder " + dir, e);
        }
        reads.keySet().retainAll(files);
        for (Path file : files) {
            Source source;
            try {
                source = readOnce(file);
            } catch (RuntimeException | IOException e) {
                unreadable.put(name(file), "cannot be loaded: " + PluginCalls.message(e));
                continue;
            }
            chosen.merge(source.id(), source, this::newer);
        }
        return new Scan(chosen, unreadable);
    }

    /** The path PF4J loads the plugin from: the unpacked folder of a zip (unpacked now if it is not yet), a jar as it is. */
    Path unpacked(Source source) throws IOException {
        Path target = loadPath(source);
        if (!source.zip() || Files.isDirectory(target)) {
            return target;
        }
        Path partial = Files.createDirectories(dir.resolve(UNPACKED)).resolve(folderName(source) + ".part");
        deleteTree(partial);
        try (ZipFile zip = new ZipFile(source.file().toFile())) {
            for (ZipEntry entry : zip.stream().toList()) {
                Path out = partial.resolve(entry.getName()).normalize();
                if (!out.startsWith(partial)) {
                    throw new IOException(name(source.file()) + " has an entry outside itself: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(out);
                } else {
                    Files.createDirectories(out.getParent());
                    try (InputStream in = zip.getInputStream(entry)) {
                        Files.copy(in, out);
                    }
                }
            }
        }
        Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
        return target;
    }

    /** Where the plugin loads from once unpacked: a zip's folder, a jar itself. */
    Path loadPath(Source source) {
        return source.zip() ? dir.resolve(UNPACKED).resolve(folderName(source)) : source.file();
    }

    /** Deletes every unpacked folder but those in {@code inUse}. */
    void clean(Set<Path> inUse) {
        Path unpacked = dir.resolve(UNPACKED);
        if (!Files.isDirectory(unpacked)) {
            return;
        }
        Set<Path> keep = new HashSet<>();
        inUse.forEach(p -> keep.add(p.toAbsolutePath().normalize()));
        try (Stream<Path> list = Files.list(unpacked)) {
            for (Path folder : list.toList()) {
                if (!keep.contains(folder.toAbsolutePath().normalize())) {
                    deleteTree(folder);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot clean " + unpacked, e);
        }
    }

    private Source newer(Source a, Source b) {
        int order = versions.apply(a.version(), b.version());
        return order != 0 ? (order > 0 ? a : b) : (name(a.file()).compareTo(name(b.file())) >= 0 ? a : b);
    }

    private Source readOnce(Path file) throws IOException {
        BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
        Read known = reads.get(file);
        if (known != null && known.stillFor(attributes)) {
            return known.source();
        }
        Source source = read(file);
        reads.put(file, new Read(attributes.fileKey(), attributes.size(), attributes.lastModifiedTime(), source));
        return source;
    }

    private Source read(Path file) throws IOException {
        String digest = digest(file);
        if (name(file).endsWith(".jar")) {
            PluginDescriptor descriptor = jarDescriptors.apply(file);
            return new Source(descriptor.getPluginId(), descriptor.getVersion(), file, digest);
        }
        try (ZipFile zip = new ZipFile(file.toFile())) {
            ZipEntry entry = zip.getEntry("plugin.properties");
            if (entry == null) {
                throw new IOException("it has no plugin.properties at its root");
            }
            Properties properties = new Properties();
            try (InputStream in = zip.getInputStream(entry)) {
                properties.load(in);
            }
            String id = properties.getProperty("plugin.id", "").strip();
            String version = properties.getProperty("plugin.version", "").strip();
            if (id.isEmpty() || version.isEmpty()) {
                throw new IOException("its plugin.properties lacks plugin.id or plugin.version");
            }
            return new Source(id, version, file, digest);
        }
    }

    private static String folderName(Source source) {
        String file = name(source.file());
        return file.substring(0, file.length() - ".zip".length()) + "-" + source.digest();
    }

    private static String digest(Path file) throws IOException {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always there", e);
        }
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), sha)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(sha.digest()).substring(0, 16);
    }

    private static String name(Path path) {
        return path.getFileName().toString();
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            List<Path> paths = new ArrayList<>(walk.toList());
            paths.sort(Comparator.reverseOrder());
            for (Path path : paths) {
                Files.deleteIfExists(path);
            }
        }
    }
}
