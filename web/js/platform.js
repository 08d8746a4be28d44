// The C side of the web platform (linked with --js-library): the functions C++ calls, declared in
// web/src/platform/js_bridge.hpp. Each converts C arguments and hands over to MimamoriWeb, the
// page-side object defined in pre.js.
mergeInto(LibraryManager.library, {
  mimamori_js_runtime_ready: function () {
    MimamoriWeb.onStarted();
  },
  mimamori_js_request_frame: function () {
    MimamoriWeb.requestFrame();
  },
  mimamori_js_set_timer: function (ms) {
    MimamoriWeb.setTimer(ms);
  },
  mimamori_js_update_ime: function (want, x, y, lineHeight) {
    MimamoriWeb.updateIme(want !== 0, x, y, lineHeight);
  },
  mimamori_js_set_cursor: function (cursor) {
    MimamoriWeb.setCursor(cursor);
  },
  mimamori_js_write_clipboard: function (text) {
    MimamoriWeb.writeClipboard(UTF8ToString(text));
  },
  mimamori_js_show_failure: function () {
    MimamoriWeb.showFailure();
  },
  mimamori_js_first_interactive: function () {
    MimamoriWeb.onFirstInteractive();
  },
  mimamori_js_navigate: function (path, replace) {
    MimamoriWeb.navigate(UTF8ToString(path), replace !== 0);
  },
  mimamori_js_fetch: function (id, method, url, body, bodyLength, contentType, headers) {
    // The body may be binary: copied out of the heap as bytes, not decoded as UTF-8.
    const bytes = body ? HEAPU8.slice(body, body + bodyLength) : null;
    MimamoriWeb.fetchStart(id, UTF8ToString(method), UTF8ToString(url), bytes, UTF8ToString(contentType),
                           UTF8ToString(headers));
  },
  mimamori_js_download: function (url) {
    MimamoriWeb.download(UTF8ToString(url));
  },
  mimamori_js_pick_file: function (id, accept, maxBytes) {
    MimamoriWeb.pickFile(id, UTF8ToString(accept), maxBytes);
  },
  mimamori_js_print: function (title, lines) {
    MimamoriWeb.printLines(UTF8ToString(title), UTF8ToString(lines));
  },
  mimamori_js_unix_seconds: function () {
    return Date.now() / 1000;
  },
  mimamori_js_local_time__deps: ['$stringToNewUTF8'],
  mimamori_js_local_time: function (iso) {
    return stringToNewUTF8(MimamoriWeb.localTime(UTF8ToString(iso)));
  },
  mimamori_js_report_error: function (message, where) {
    MimamoriWeb.reportError(UTF8ToString(message), UTF8ToString(where));
  },
  mimamori_js_setting_get__deps: ['$stringToNewUTF8'],
  mimamori_js_setting_get: function (key) {
    // localStorage may throw (storage disabled, private mode quirks): a setting is then unset.
    try {
      const value = window.localStorage.getItem('mimamori.' + UTF8ToString(key));
      return value === null ? 0 : stringToNewUTF8(value);
    } catch (e) {
      return 0;
    }
  },
  mimamori_js_setting_set: function (key, value) {
    try {
      window.localStorage.setItem('mimamori.' + UTF8ToString(key), UTF8ToString(value));
    } catch (e) { /* not persisted: the setting lasts for this page only */ }
  },
});
