/* The partner map's behaviour (registry/map/render.py writes the data, this draws it).
 *
 * RegistryMap.popups(content): the popups' HTML by party id, shared by all of a party's shapes.
 * RegistryMap.layer(kind, geojson, attribution): a Leaflet layer from a FeatureCollection:
 *   "features": each feature styled by properties.style (points become circles), with a hover
 *               tooltip (properties.tooltip) and the popup of properties.party;
 *   "labels":   the names (properties.label), always on the map, never in the way of a click.
 * Every HTML string it receives was escaped on the server.
 */
(function () {
  "use strict";

  var popups = {};
  var QUIET_BELOW_ZOOM = 11;  /* names of the ZMO's other municipalities fade below this */
  var FAR_BELOW_ZOOM = 9;     /* the whole country: only "us" and the partners are named */

  function bindFeature(feature, layer) {
    var properties = feature.properties;
    if (properties.tooltip) {
      layer.bindTooltip(properties.tooltip, { sticky: true, className: "map-tooltip" });
    }
    var content = popups[properties.party];
    if (content) {
      layer.bindPopup(content, { maxWidth: 340, minWidth: 220, autoPanPadding: [24, 24] });
    }
    layer.on("mouseover", function () {
      if (layer.setStyle) { layer.setStyle({ weight: (properties.style.weight || 1) + 2 }); }
    });
    layer.on("mouseout", function () {
      if (layer.setStyle) { layer.setStyle({ weight: properties.style.weight || 1 }); }
    });
  }

  function features(data, attribution) {
    return L.geoJSON(data, {
      attribution: attribution || null,
      style: function (feature) { return feature.properties.style; },
      pointToLayer: function (feature, latlng) {
        return L.circleMarker(latlng, feature.properties.style);
      },
      onEachFeature: bindFeature
    });
  }

  /* Fewer names the farther out, so they never pile up (static/css/map.css). */
  function followZoom(map) {
    var container = map.getContainer();
    function update() {
      container.classList.toggle("map-zoomed-out", map.getZoom() < QUIET_BELOW_ZOOM);
      container.classList.toggle("map-zoomed-far", map.getZoom() < FAR_BELOW_ZOOM);
    }
    map.on("zoomend", update);
    update();
  }

  function labels(data) {
    var layer = L.geoJSON(data, {
      pointToLayer: function (feature, latlng) {
        var icon = L.divIcon({
          className: "map-label map-label-" + feature.properties.tone,
          html: "<span>" + feature.properties.label + "</span>",
          iconSize: null
        });
        return L.marker(latlng, { icon: icon, interactive: false, keyboard: false });
      }
    });
    layer.on("add", function () { followZoom(layer._map); });
    return layer;
  }

  var kinds = { features: features, labels: labels };

  window.RegistryMap = {
    popups: function (content) { popups = content; },
    layer: function (kind, data, attribution) { return kinds[kind](data, attribution); }
  };
})();
