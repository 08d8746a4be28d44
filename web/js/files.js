// The browser side of the file layer (issue 7; linked with --js-library beside platform.js):
// files the person picks, kept as File objects and read a slice at a time (a 2 GB video is never
// read whole); uploads by XMLHttpRequest, whose upload progress fetch() does not report; images
// decoded and downscaled by the browser; <audio>/<video> elements placed over the canvas; URLs
// opened in a new tab. Declared for C++ in web/src/platform/browser_files.hpp.
mergeInto(LibraryManager.library, {
  $mimamoriFiles: function () {
    if (!mimamoriFiles.state) {
      mimamoriFiles.state = { files: new Map(), nextFile: 1, xhrs: new Map(), media: null };
    }
    return mimamoriFiles.state;
  },

  $mimamoriFilesCall__deps: ['$stringToNewUTF8'],
  // Calls an exported C function with string arguments converted (and freed afterwards).
  $mimamoriFilesCall: function (name, args) {
    const owned = [];
    const converted = args.map(function (a) {
      if (typeof a !== 'string') return a;
      const p = stringToNewUTF8(a);
      owned.push(p);
      return p;
    });
    try {
      Module[name].apply(null, converted);
    } finally {
      owned.forEach(function (p) { _free(p); });
    }
  },

  mimamori_js_files_pick__deps: ['$mimamoriFiles', '$mimamoriFilesCall'],
  // capture != 0: the camera directly (phones), for a photo or a video taken now.
  mimamori_js_files_pick: function (id, accept, multiple, capture) {
    const state = mimamoriFiles();
    const input = document.createElement('input');
    input.type = 'file';
    input.accept = UTF8ToString(accept);
    input.multiple = multiple !== 0;
    if (capture) input.setAttribute('capture', 'environment');
    input.hidden = true;
    let settled = false;
    function finish(files) {
      if (settled) return;
      settled = true;
      input.remove();
      // One line per file: handle \t size \t type \t name (a name holds no tab or line break once
      // cleaned, and the server cleans it again; a tab in a name is replaced here).
      let lines = '';
      for (const file of files) {
        const handle = state.nextFile++;
        state.files.set(handle, file);
        lines += handle + '\t' + file.size + '\t' + (file.type || '') + '\t' +
          String(file.name).replace(/[\t\n\r]/g, ' ') + '\n';
      }
      mimamoriFilesCall('_mimamori_web_files_picked', [id, lines]);
    }
    input.addEventListener('change', function () { finish(Array.from(input.files || [])); });
    input.addEventListener('cancel', function () { finish([]); });
    document.body.appendChild(input);
    input.click();
  },

  mimamori_js_files_read__deps: ['$mimamoriFiles'],
  mimamori_js_files_read: function (id, handle, offset, length) {
    const file = mimamoriFiles().files.get(handle);
    function done(bytes) {
      const data = bytes || new Uint8Array(0);
      const ptr = _malloc(Math.max(1, data.length));
      try {
        HEAPU8.set(data, ptr);
        Module['_mimamori_web_files_read_done'](id, bytes ? 1 : 0, ptr, data.length);
      } finally {
        _free(ptr);
      }
    }
    if (!file) return done(null);
    file.slice(offset, offset + length).arrayBuffer().then(function (buffer) {
      done(new Uint8Array(buffer));
    }, function () { done(null); });
  },

  mimamori_js_files_release__deps: ['$mimamoriFiles'],
  mimamori_js_files_release: function (handle) {
    mimamoriFiles().files.delete(handle);
  },

  // An HTTP request with upload progress. Headers: "name\nvalue\n" pairs, as for fetch.
  mimamori_js_files_xhr__deps: ['$mimamoriFiles', '$mimamoriFilesCall'],
  mimamori_js_files_xhr: function (id, method, url, headers, body, bodyLength) {
    const state = mimamoriFiles();
    const xhr = new XMLHttpRequest();
    const bytes = body ? HEAPU8.slice(body, body + bodyLength) : null;
    xhr.open(UTF8ToString(method), UTF8ToString(url), true);
    xhr.withCredentials = true;
    xhr.responseType = 'arraybuffer';
    const pairs = UTF8ToString(headers).split('\n');
    for (let i = 0; i + 1 < pairs.length; i += 2) xhr.setRequestHeader(pairs[i], pairs[i + 1]);
    let last = 0;
    xhr.upload.onprogress = function (event) {
      if (!state.xhrs.has(id) || event.loaded === last) return;
      last = event.loaded;
      Module['_mimamori_web_files_xhr_progress'](id, event.loaded);
    };
    function finish(status) {
      if (!state.xhrs.has(id)) return;
      state.xhrs.delete(id);
      let received = '';
      const raw = status ? xhr.getAllResponseHeaders() : '';
      for (const line of raw.split('\r\n')) {
        const colon = line.indexOf(':');
        if (colon > 0) received += line.slice(0, colon).trim().toLowerCase() + '\n' + line.slice(colon + 1).trim() + '\n';
      }
      const answer = status && xhr.response ? new Uint8Array(xhr.response) : new Uint8Array(0);
      const ptr = _malloc(Math.max(1, answer.length));
      try {
        HEAPU8.set(answer, ptr);
        mimamoriFilesCall('_mimamori_web_files_xhr_done', [id, status, ptr, answer.length, received]);
      } finally {
        _free(ptr);
      }
    }
    xhr.onload = function () { finish(xhr.status); };
    xhr.onerror = function () { finish(0); };
    xhr.ontimeout = function () { finish(0); };
    xhr.onabort = function () { finish(0); };
    state.xhrs.set(id, xhr);
    xhr.send(bytes);
  },

  // The answer of an aborted request is dropped (the C++ side has forgotten it).
  mimamori_js_files_xhr_abort__deps: ['$mimamoriFiles'],
  mimamori_js_files_xhr_abort: function (id) {
    const state = mimamoriFiles();
    const xhr = state.xhrs.get(id);
    if (!xhr) return;
    state.xhrs.delete(id);
    xhr.abort();
  },

  // Decodes an image (a same-origin URL, or bytes from the heap when url is empty) and hands its
  // RGBA pixels, scaled so that the longer side is at most maxSide, to C++. createImageBitmap
  // decodes off the main thread and applies the photo's EXIF orientation.
  mimamori_js_files_decode_image__deps: ['$mimamoriFilesCall'],
  mimamori_js_files_decode_image: function (id, url, bytes, length, maxSide) {
    const source = UTF8ToString(url);
    const blobPromise = source
      ? fetch(source, { credentials: 'same-origin' }).then(function (r) {
        if (!r.ok) throw new Error('HTTP ' + r.status);
        return r.blob();
      })
      : Promise.resolve(new Blob([HEAPU8.slice(bytes, bytes + length)]));
    function fail(error) {
      mimamoriFilesCall('_mimamori_web_files_image_done', [id, 0, 0, 0, 0, 0, String((error && error.message) || error)]);
    }
    blobPromise.then(function (blob) {
      return createImageBitmap(blob);
    }).then(function (bitmap) {
      const scale = Math.min(1, maxSide / Math.max(bitmap.width, bitmap.height));
      const width = Math.max(1, Math.round(bitmap.width * scale));
      const height = Math.max(1, Math.round(bitmap.height * scale));
      const canvas = document.createElement('canvas');
      canvas.width = width;
      canvas.height = height;
      const context = canvas.getContext('2d', { willReadFrequently: true });
      context.imageSmoothingQuality = 'high';
      context.drawImage(bitmap, 0, 0, width, height);
      const originalWidth = bitmap.width, originalHeight = bitmap.height;
      bitmap.close();
      const pixels = context.getImageData(0, 0, width, height).data;
      const ptr = _malloc(pixels.length);
      try {
        HEAPU8.set(pixels, ptr);
        mimamoriFilesCall('_mimamori_web_files_image_done',
          [id, ptr, width, height, originalWidth, originalHeight, '']);
      } finally {
        _free(ptr);
      }
    }).catch(fail);
  },

  // One media element at a time, over the canvas at a rectangle in canvas pixels. Showing the
  // same URL again only moves it; another URL replaces it.
  mimamori_js_files_media_show__deps: ['$mimamoriFiles'],
  mimamori_js_files_media_show: function (kind, url, x, y, w, h) {
    const state = mimamoriFiles();
    const tag = UTF8ToString(kind) === 'audio' ? 'audio' : 'video';
    const source = UTF8ToString(url);
    if (state.media && (state.media.tagName.toLowerCase() !== tag || state.media.dataset.src !== source)) {
      state.media.pause();
      state.media.remove();
      state.media = null;
    }
    if (!state.media) {
      const element = document.createElement(tag);
      element.controls = true;
      element.preload = 'metadata';
      element.playsInline = true;
      element.dataset.src = source;
      element.src = source;
      element.id = 'mimamori-media';
      element.className = 'mimamori-media';
      element.style.position = 'fixed';
      element.style.zIndex = '5';
      element.style.background = '#000';
      document.body.appendChild(element);
      state.media = element;
    }
    const canvas = document.getElementById('mimamori-canvas');
    const rect = canvas.getBoundingClientRect();
    const sx = rect.width / canvas.width, sy = rect.height / canvas.height;
    state.media.style.left = (rect.left + x * sx) + 'px';
    state.media.style.top = (rect.top + y * sy) + 'px';
    state.media.style.width = (w * sx) + 'px';
    state.media.style.height = (h * sy) + 'px';
  },

  mimamori_js_files_media_hide__deps: ['$mimamoriFiles'],
  mimamori_js_files_media_hide: function () {
    const state = mimamoriFiles();
    if (!state.media) return;
    state.media.pause();
    state.media.removeAttribute('src');
    state.media.load(); // stops the download of the rest of the file
    state.media.remove();
    state.media = null;
  },

  // A same-origin URL in a new tab (the browser's PDF viewer); noopener keeps the app's page out
  // of the new tab's reach.
  mimamori_js_files_open_tab: function (url) {
    window.open(UTF8ToString(url), '_blank', 'noopener');
  },
});
