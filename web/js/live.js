// The C side of the timeline's browser services (linked with --js-library beside platform.js):
// the event stream (EventSource on /api/v1/events) and the profession icons, SVG files of the
// bundle rasterised by the browser at the screen's pixel ratio into one WebGL texture.
mergeInto(LibraryManager.library, {
  $MimamoriLive: {
    source: null,
    iconsRequest: 0,
  },

  mimamori_js_events_open__deps: ['$MimamoriLive'],
  mimamori_js_events_open: function (id, url) {
    const target = UTF8ToString(url);
    if (MimamoriLive.source) MimamoriLive.source.close();
    // The browser reconnects by itself after a network failure (sending Last-Event-ID); an
    // answer other than 200 (401 once the session ended) closes the stream for good.
    const source = new EventSource(target, { withCredentials: true });
    MimamoriLive.source = source;
    function send(signal, data) {
      if (MimamoriLive.source !== source && signal !== 2) return;
      const size = lengthBytesUTF8(data) + 1;
      const ptr = _malloc(size);
      try {
        stringToUTF8(data, ptr, size);
        Module['_mimamori_web_event'](id, signal, ptr);
      } finally {
        _free(ptr);
      }
    }
    source.onopen = function () { send(0, ''); };
    source.onmessage = function (event) { send(1, String(event.data)); };
    source.onerror = function () {
      if (source.readyState === EventSource.CLOSED) {
        if (MimamoriLive.source === source) MimamoriLive.source = null;
        send(2, '');
      }
    };
  },

  mimamori_js_events_close__deps: ['$MimamoriLive'],
  mimamori_js_events_close: function () {
    if (MimamoriLive.source) MimamoriLive.source.close();
    MimamoriLive.source = null;
  },

  // Draws each SVG of `urls` ("\n"-separated) into a square cell of `cell` device pixels, side by
  // side, and uploads the row as one texture; its GL name reaches C++ through
  // _mimamori_web_icons_done(request, texture, count), or texture 0 if an image did not load.
  mimamori_js_icons_load__deps: ['$MimamoriLive', '$GL'],
  mimamori_js_icons_load: function (request, urls, cell) {
    const list = UTF8ToString(urls).split('\n').filter(function (u) { return u.length > 0; });
    MimamoriLive.iconsRequest = request;
    const images = list.map(function (url) {
      return new Promise(function (resolve, reject) {
        const image = new Image();
        image.onload = function () { resolve(image); };
        image.onerror = function () { reject(new Error('icon ' + url)); };
        image.src = url;
      });
    });
    Promise.all(images).then(function (loaded) {
      if (MimamoriLive.iconsRequest !== request) return; // a newer size was asked for
      const canvas = document.createElement('canvas');
      canvas.width = cell * loaded.length;
      canvas.height = cell;
      const context = canvas.getContext('2d');
      loaded.forEach(function (image, i) { context.drawImage(image, i * cell, 0, cell, cell); });
      const gl = GLctx;
      const texture = gl.createTexture();
      const name = GL.getNewId(GL.textures);
      texture.name = name;
      GL.textures[name] = texture;
      const previous = gl.getParameter(gl.TEXTURE_BINDING_2D);
      gl.bindTexture(gl.TEXTURE_2D, texture);
      gl.texParameteri(gl.TEXTURE_2D, gl.TEXTURE_MIN_FILTER, gl.LINEAR);
      gl.texParameteri(gl.TEXTURE_2D, gl.TEXTURE_MAG_FILTER, gl.LINEAR);
      gl.texParameteri(gl.TEXTURE_2D, gl.TEXTURE_WRAP_S, gl.CLAMP_TO_EDGE);
      gl.texParameteri(gl.TEXTURE_2D, gl.TEXTURE_WRAP_T, gl.CLAMP_TO_EDGE);
      gl.pixelStorei(gl.UNPACK_PREMULTIPLY_ALPHA_WEBGL, false);
      gl.texImage2D(gl.TEXTURE_2D, 0, gl.RGBA, gl.RGBA, gl.UNSIGNED_BYTE, canvas);
      gl.bindTexture(gl.TEXTURE_2D, previous);
      Module['_mimamori_web_icons_done'](request, name, loaded.length);
    }, function () {
      if (MimamoriLive.iconsRequest === request) Module['_mimamori_web_icons_done'](request, 0, 0);
    });
  },

  mimamori_js_icons_free__deps: ['$GL'],
  mimamori_js_icons_free: function (name) {
    const texture = GL.textures[name];
    if (!texture) return;
    GLctx.deleteTexture(texture);
    GL.textures[name] = null;
  },
});
