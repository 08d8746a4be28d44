// The browser side of the family space's files (issue 7 point 6; linked with --js-library beside
// files.js): a thumbnail of a picked photo, decoded, downscaled and encoded as JPEG in the page,
// so that it can be encrypted with the memo. The photo itself never leaves unencrypted.
// Declared for C++ in web/src/family/family_files.hpp (make_thumbnail).
mergeInto(LibraryManager.library, {
  mimamori_js_family_thumbnail__deps: ['$mimamoriFiles', '$stringToNewUTF8'],
  mimamori_js_family_thumbnail: function (id, handle, maxSide, maxBytes) {
    const file = mimamoriFiles().files.get(handle);
    function done(bytes, type) {
      const data = bytes || new Uint8Array(0);
      const ptr = _malloc(Math.max(1, data.length));
      const typePtr = stringToNewUTF8(type || '');
      try {
        HEAPU8.set(data, ptr);
        Module['_mimamori_web_family_thumbnail_done'](id, bytes ? 1 : 0, ptr, data.length, typePtr);
      } finally {
        _free(ptr);
        _free(typePtr);
      }
    }
    if (!file) return done(null, '');
    // Smaller and coarser until it fits in the memo (photos with a noise-like texture need it).
    const tries = [[1, 0.8], [1, 0.6], [1, 0.4], [0.5, 0.5], [0.5, 0.3]];
    function attempt(bitmap, i) {
      const scale = Math.min(1, maxSide / Math.max(bitmap.width, bitmap.height)) * tries[i][0];
      const canvas = document.createElement('canvas');
      canvas.width = Math.max(1, Math.round(bitmap.width * scale));
      canvas.height = Math.max(1, Math.round(bitmap.height * scale));
      const context = canvas.getContext('2d');
      context.imageSmoothingQuality = 'high';
      context.fillStyle = '#ffffff'; // transparent PNGs on white, as JPEG has no alpha
      context.fillRect(0, 0, canvas.width, canvas.height);
      context.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
      canvas.toBlob(function (blob) {
        if (blob && blob.size > maxBytes && i + 1 < tries.length) return attempt(bitmap, i + 1);
        bitmap.close();
        if (!blob || blob.size > maxBytes) return done(null, '');
        blob.arrayBuffer().then(function (buffer) { done(new Uint8Array(buffer), 'image/jpeg'); },
          function () { done(null, ''); });
      }, 'image/jpeg', tries[i][1]);
    }
    createImageBitmap(file).then(function (bitmap) { attempt(bitmap, 0); }, function () { done(null, ''); });
  },

  // Saves a family file decrypted in the page under its own name (a Blob never sent anywhere).
  mimamori_js_family_save: function (bytes, length, name, type) {
    const blob = new Blob([HEAPU8.slice(bytes, bytes + length)], { type: UTF8ToString(type) });
    const url = URL.createObjectURL(blob);
    const a = document.createElement('a');
    a.href = url;
    a.download = UTF8ToString(name);
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(function () { URL.revokeObjectURL(url); }, 60000);
  },
});
