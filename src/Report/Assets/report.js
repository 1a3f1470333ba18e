// ClipGeometry report: the interactive maps (UMAP, and t-SNE when drawn). No external library. Points are drawn
// on a canvas once per level, legend or size change; a uniform grid of screen cells, built with that drawing,
// finds the point under the mouse in constant time. A hover reads no layout (the canvas's page position is cached
// when drawn and on mouseenter; pageX/pageY do not move with scrolling), redraws nothing, and moves the tooltip with a transform; a thumbnail's data URL
// is built the first time its image is hovered and kept.
(function () {
  'use strict';
  var CELL = 8, RADIUS = 7, PAD = 18;

  function css(name) { return getComputedStyle(document.documentElement).getPropertyValue(name).trim(); }
  function palette() {
    var p = [];
    for (var i = 0; i < 8; i++) p.push(css('--oi' + i));
    return { cats: p, caption: css('--caption'), density: css('--density'), bg: css('--bg') };
  }

  function createMap(source) {
    var suffix = source.dataset.method && source.dataset.method !== 'umap' ? '-' + source.dataset.method : '';
    var canvas = document.getElementById('map' + suffix);
    var section = document.getElementById('projection' + suffix);
    if (!canvas || !section) return null;
    var data = JSON.parse(source.textContent);
    var tooltip = document.getElementById('tooltip' + suffix);
    var tipImage = tooltip.querySelector('img'), tipCategory = tooltip.querySelector('.tt-cat'), tipText = tooltip.querySelector('.tt-text');
    var ctx = canvas.getContext('2d');
    var state = { level: 0, hidden: {}, captions: true };
    var view = null; // { scale, ox, oy, w, h, index: Map cell -> [point indices], cols, px, py }
    var origin = null; // the canvas's top-left corner in page coordinates (pageX/pageY need no layout)
    var urls = data.thumbs.map(function () { return []; }); // data URLs built on first hover, kept

    function measure() {
      var rect = canvas.getBoundingClientRect();
      origin = { x: rect.left + window.scrollX, y: rect.top + window.scrollY };
    }

    function layout() {
      var rect = canvas.getBoundingClientRect();
      var dpr = window.devicePixelRatio || 1;
      var w = Math.max(200, Math.round(rect.width)), h = Math.max(150, Math.round(rect.height));
      if (canvas.width !== Math.round(w * dpr) || canvas.height !== Math.round(h * dpr)) {
        canvas.width = Math.round(w * dpr); canvas.height = Math.round(h * dpr);
      }
      ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
      var b = data.bounds, sx = (w - 2 * PAD) / (b[1] - b[0]), sy = (h - 2 * PAD) / (b[3] - b[2]);
      var scale = Math.min(sx, sy);
      return { w: w, h: h, scale: scale,
        ox: PAD + ((w - 2 * PAD) - scale * (b[1] - b[0])) / 2 - scale * b[0],
        oy: h - PAD - ((h - 2 * PAD) - scale * (b[3] - b[2])) / 2 + scale * b[2] };
    }

    function draw() {
      var L = data.levels[state.level], pal = palette();
      view = layout();
      measure();
      ctx.clearRect(0, 0, view.w, view.h);
      if (L.density) {
        var n = L.density.n, counts = L.density.counts, max = 0, b = data.bounds;
        for (var i = 0; i < counts.length; i++) if (counts[i] > max) max = counts[i];
        var cw = (b[1] - b[0]) / n * view.scale, ch = (b[3] - b[2]) / n * view.scale;
        for (var j = 0; j < counts.length; j++) {
          if (!counts[j]) continue;
          var cx = j % n, cy = Math.floor(j / n);
          ctx.fillStyle = 'rgba(' + pal.density + ',' + (0.12 + 0.6 * Math.sqrt(counts[j] / max)).toFixed(3) + ')';
          ctx.fillRect(view.ox + (b[0] + cx * (b[1] - b[0]) / n) * view.scale, view.oy - (b[2] + (cy + 1) * (b[3] - b[2]) / n) * view.scale, cw + 0.5, ch + 0.5);
        }
      }
      var count = L.x.length, px = new Float32Array(count), py = new Float32Array(count);
      // Larger marks for small maps, smaller for crowded ones.
      var rImage = count < 2000 ? 5 : count < 20000 ? 3.2 : 2.4, rCaption = rImage * 0.55;
      var index = new Map();
      var cols = Math.ceil(view.w / CELL);
      // On another level, the reference level's images stay as faint ghosts, so that drift can be seen.
      if (state.level > 0) {
        var R = data.levels[0];
        ctx.globalAlpha = 0.16;
        for (var g = 0; g < R.x.length; g++) {
          if (R.k[g] >= 0 || state.hidden[R.c[g]]) continue;
          ctx.beginPath(); ctx.arc(view.ox + R.x[g] * view.scale, view.oy - R.y[g] * view.scale, rImage, 0, 6.2832);
          ctx.fillStyle = pal.cats[data.colours[R.c[g]]]; ctx.fill();
        }
        ctx.globalAlpha = 1;
      }
      function visible(i) { return !state.hidden[L.c[i]] && (L.k[i] < 0 || state.captions); }
      for (var pass = 0; pass < 2; pass++) { // captions first, then images on top
        for (var p = 0; p < count; p++) {
          var isCaption = L.k[p] >= 0;
          if ((pass === 0) !== isCaption || !visible(p)) continue;
          var x = view.ox + L.x[p] * view.scale, y = view.oy - L.y[p] * view.scale;
          px[p] = x; py[p] = y;
          if (isCaption) {
            ctx.fillStyle = pal.caption;
            ctx.fillRect(x - rCaption, y - rCaption, 2 * rCaption, 2 * rCaption);
          } else {
            ctx.beginPath(); ctx.arc(x, y, rImage, 0, 6.2832);
            ctx.fillStyle = pal.cats[data.colours[L.c[p]]]; ctx.fill();
            ctx.lineWidth = 0.6; ctx.strokeStyle = pal.bg; ctx.stroke();
          }
          var key = Math.floor(y / CELL) * cols + Math.floor(x / CELL);
          var bucket = index.get(key);
          if (bucket) bucket.push(p); else index.set(key, [p]);
        }
      }
      view.index = index; view.cols = cols; view.px = px; view.py = py;
    }

    function nearest(x, y) {
      var best = -1, bestD = RADIUS * RADIUS, bestImage = false, L = data.levels[state.level];
      var cx = Math.floor(x / CELL), cy = Math.floor(y / CELL);
      for (var dy = -1; dy <= 1; dy++) for (var dx = -1; dx <= 1; dx++) {
        if (cx + dx < 0 || cx + dx >= view.cols) continue;
        var bucket = view.index.get((cy + dy) * view.cols + (cx + dx));
        if (!bucket) continue;
        for (var i = 0; i < bucket.length; i++) {
          var p = bucket[i], ex = view.px[p] - x, ey = view.py[p] - y, d = ex * ex + ey * ey, image = L.k[p] < 0;
          // An image under the mouse wins over a caption (images are drawn on top).
          if ((image && !bestImage && d <= RADIUS * RADIUS) || (image === bestImage && d < bestD) || best < 0 && d < bestD) {
            best = p; bestD = d; bestImage = image;
          }
        }
      }
      return best;
    }

    var shown = -1, tipHeight = 120;
    function hide() { if (!tooltip.hidden) tooltip.hidden = true; shown = -1; }
    function place(x, y) {
      // x, y: the mouse in canvas coordinates. No layout is read: the canvas size is the one drawn, the tooltip's
      // height the one measured after its content last changed.
      var left = x + 14, top = y + 14;
      if (left + 300 > view.w) left = Math.max(0, x - 314);
      if (top + tipHeight > view.h) top = Math.max(0, y - tipHeight - 10);
      tooltip.style.transform = 'translate(' + Math.round(left) + 'px,' + Math.round(top) + 'px)';
    }

    function thumbnail(c, r) {
      var url = urls[c][r];
      if (url === undefined) {
        var thumb = data.thumbs[c] && data.thumbs[c][r];
        url = urls[c][r] = thumb ? 'data:image/jpeg;base64,' + thumb : '';
      }
      return url;
    }

    function show(p, x, y) {
      if (p === shown && !tooltip.hidden) { place(x, y); return; }
      shown = p;
      var L = data.levels[state.level], c = L.c[p], r = L.r[p], k = L.k[p];
      var caps = (data.captions[c] && data.captions[c][r]) || '';
      var url = thumbnail(c, r);
      if (url) { if (tipImage.getAttribute('src') !== url) tipImage.src = url; tipImage.hidden = false; } else { tipImage.removeAttribute('src'); tipImage.hidden = true; }
      var file = (data.paths[c] && data.paths[c][r]) || ('row ' + r);
      tipCategory.textContent = data.cats[c] + ' · ' + file + (k >= 0 ? ' · caption ' + (k + 1) : '') + ' · ' + L.label;
      tipText.textContent = k >= 0 ? (caps.split('\n')[k] || '(caption text missing)') : (caps || '(no caption)');
      tooltip.dataset.category = data.cats[c]; tooltip.dataset.row = String(r); tooltip.dataset.caption = String(k);
      tooltip.hidden = false;
      place(x, y);
      requestAnimationFrame(function () { tipHeight = tooltip.offsetHeight || tipHeight; });
    }

    canvas.addEventListener('mouseenter', measure);
    canvas.addEventListener('mousemove', function (e) {
      var x = e.pageX - origin.x, y = e.pageY - origin.y;
      var p = nearest(x, y);
      if (p < 0) { hide(); return; }
      show(p, x, y);
    });
    canvas.addEventListener('mouseleave', hide);

    section.querySelectorAll('.maplegend button.key').forEach(function (button) {
      button.addEventListener('click', function () {
        var c = +button.dataset.category;
        state.hidden[c] = !state.hidden[c];
        button.setAttribute('aria-pressed', state.hidden[c] ? 'false' : 'true');
        hide(); draw();
      });
    });
    var levelButtons = section.querySelectorAll('button.level');
    levelButtons.forEach(function (button) {
      button.addEventListener('click', function () {
        state.level = +button.dataset.level;
        levelButtons.forEach(function (b) { b.setAttribute('aria-pressed', b === button ? 'true' : 'false'); });
        hide(); draw();
      });
    });
    var toggle = section.querySelector('input.show-captions');
    if (toggle) toggle.addEventListener('change', function () { state.captions = toggle.checked; hide(); draw(); });
    window.addEventListener('resize', draw);
    if (window.matchMedia) {
      var scheme = window.matchMedia('(prefers-color-scheme: dark)');
      if (scheme.addEventListener) scheme.addEventListener('change', draw);
    }
    draw();

    return {
      method: source.dataset.method || 'umap',
      // For tests and notebooks: the drawn points with their viewport coordinates.
      points: function () {
        var L = data.levels[state.level], rect = canvas.getBoundingClientRect(), out = [];
        for (var p = 0; p < L.x.length; p++) {
          if (state.hidden[L.c[p]] || (L.k[p] >= 0 && !state.captions)) continue;
          out.push({ category: data.cats[L.c[p]], row: L.r[p], caption: L.k[p], x: rect.left + view.px[p], y: rect.top + view.py[p] });
        }
        return out;
      },
      level: function () { return data.levels[state.level].name; }
    };
  }

  var maps = {}, first = null;
  document.querySelectorAll('script.projection-data').forEach(function (source) {
    var map = createMap(source);
    if (!map) return;
    maps[map.method] = map;
    if (!first) first = map;
  });
  // window.clipgeoReport: the first map's points() and level(), every map under maps[method].
  window.clipgeoReport = {
    ready: true,
    maps: maps,
    points: function () { return first ? first.points() : []; },
    level: function () { return first ? first.level() : null; }
  };
})();
