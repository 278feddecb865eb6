package ai.fastdjl.datasets;

import java.nio.file.Path;
import java.util.List;

/**
 * Where one data set's files come from, in the order {@link DataResolver} tries them: an explicit folder, the cache,
 * a copy a system package installed, a package registry (fetched into the cache), the publisher's download URL.
 *
 * @param name short name used by {@code datasets/fetch.sh NAME} and as the cache sub-folder
 * @param title name to show people
 * @param files the files the loader reads, with their SHA-256 checked when fetched
 * @param pkg the package that ships the files, or null
 * @param systemDir the folder where an installed package puts the files under the same names, or null
 * @param downloadUrl base URL the files can be downloaded from by name, for machines with internet; or null
 * @param license the data's license, shown by {@code fetch.sh --list}
 */
public record DataSource(
        String name,
        String title,
        List<DataFile> files,
        RegistryPackage pkg,
        Path systemDir,
        String downloadUrl,
        String license) {

    /** One file: its name in the data folder, its path inside the package, its SHA-256. */
    public record DataFile(String name, String packagePath, String sha256) {}

    /** A package of one of the registries this project can reach. */
    public record RegistryPackage(Kind kind, String name, String version) {
        public enum Kind {
            /** Fetched with {@code apt-get download} and unpacked with {@code dpkg-deb -x}; nothing is installed. */
            DEBIAN,
            /** Fetched with {@code npm pack} and unpacked with {@code tar}. */
            NPM
        }
    }
}
