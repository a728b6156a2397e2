"""Baseline: QGIS's own renderer on a vector layer, offscreen (Debian: apt-get install qgis python3-qgis).

Run with the system Python that python3-qgis belongs to:
    /usr/bin/python3 qgis_render.py FILE.gpkg LAYER WIDTH HEIGHT ANTIALIAS(0|1)
Prints, at the given size and anti-aliasing:
- cold: open the layer from the file and render the full extent once (nothing cached);
- warm: the full extent again with the layer open (best of 3; QGIS reads the features again, the page
  cache is warm);
- zoom: 5 % of the extent, warm (best of 3).
"""
import os
import sys
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
from qgis.core import QgsApplication, QgsMapRendererSequentialJob, QgsMapSettings, QgsVectorLayer  # noqa: E402
from qgis.PyQt.QtCore import QSize  # noqa: E402

QgsApplication.setPrefixPath("/usr", True)
app = QgsApplication([], False)
app.initQgis()


def render_once(settings):
    t = time.perf_counter()
    job = QgsMapRendererSequentialJob(settings)
    job.start()
    job.waitForFinished()
    return time.perf_counter() - t


path, layer = sys.argv[1], sys.argv[2]
w, h = int(sys.argv[3]), int(sys.argv[4])
aa = sys.argv[5] == "1" if len(sys.argv) > 5 else False
t = time.perf_counter()
lyr = QgsVectorLayer(f"{path}|layername={layer}", layer, "ogr")
assert lyr.isValid(), f"QGIS cannot open {path}"
ms = QgsMapSettings()
ms.setLayers([lyr])
ms.setOutputSize(QSize(w, h))
ms.setFlag(QgsMapSettings.Antialiasing, aa)
ms.setDestinationCrs(lyr.crs())
ms.setExtent(lyr.extent())
render_once(ms)
cold = time.perf_counter() - t
warm = min(render_once(ms) for _ in range(3))
ext = lyr.extent()
ext.scale(0.05)
ms.setExtent(ext)
zoom = min(render_once(ms) for _ in range(3))
print(f"qgis_render features={lyr.featureCount()} cold_s={cold:.3f} warm_s={warm:.3f} zoom5pct_s={zoom:.4f} "
      f"antialias={int(aa)}")
