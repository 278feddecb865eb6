package ai.fastdjl.datasets;

import java.util.LinkedHashMap;
import java.util.Map;

/** Every data set {@code datasets/fetch.sh} knows, by name. */
public final class Sources {
    private Sources() {}

    public static Map<String, DataSource> all() {
        Map<String, DataSource> m = new LinkedHashMap<>();
        for (DataSource s : new DataSource[] {FashionMnist.SOURCE, RPackageData.DSLABS,
                RPackageData.MODELDATA, RPackageData.GGPLOT2, RPackageData.JANEAUSTENR,
                NsfwjsModels.MOBILENET_V2, SkimageData.SOURCE, StyleImages.OPENCV, StyleImages.OPENCV_PHOTOS,
                StyleImages.DARKNET,
                StateOfTheUnion.SOURCE, MobyDick.SOURCE, CmuDict.SOURCE}) {
            m.put(s.name(), s);
        }
        return m;
    }
}
