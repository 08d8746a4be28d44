// The page side of the web platform (linked with --pre-js: it runs at the top of mimamori.js,
// after `Module` exists and before the wasm runtime starts). It owns everything the DOM decides:
// the canvas size and pixel ratio, pointer input, the IME text field, clipboard paste, the URL
// hash, frame scheduling, error reports and the test hook `window.mimamori`. C++ reaches it
// through js/platform.js; it reaches C++ through the exported `_mimamori_web_*` functions.
//
// Division of input with emscripten's GLFW (library_glfw.js): GLFW creates the WebGL2 context and
// delivers key presses (ImGui's GLFW backend maps them). Pointers, the wheel, text and IME,
// clipboard and the canvas size are handled here because GLFW 3.1.6 gets them wrong for us: it ignores devicePixelRatio, turns a touch into a
// click without moving the cursor, has no clipboard, and its keypress characters would double
// the text the IME field delivers.
var MimamoriWeb = (function () {
  'use strict';

  const canvas = document.getElementById('mimamori-canvas');
  const ime = document.getElementById('mimamori-ime');
  const splash = document.getElementById('mimamori-splash');
  const splashMessage = document.getElementById('mimamori-splash-message');

  let runtimeReady = false;     // the wasm exports may be called
  let started = false;          // main() has set up the app: frames may run
  let frameScheduled = false;
  let timer = null;
  let timerDeadline = Infinity; // performance.now() of the pending timer
  let composing = false;        // an IME composition is open in the text field
  let imeWanted = false;        // ImGui has an active text field
  let imeLineHeight = 0;        // CSS px
  let firstInteractiveMs = null;
  let route = '/';
  let lastCursor = '';
  let reportsLeft = 10;         // error reports per page load: a loop must not flood the server
  const requestsInFlight = new Set();

  Module['canvas'] = canvas;

  // --- Strings across the boundary -------------------------------------------------------------
  function withCString(text, fn) {
    const size = lengthBytesUTF8(text) + 1;
    const ptr = _malloc(size);
    try {
      stringToUTF8(text, ptr, size);
      return fn(ptr);
    } finally {
      _free(ptr);
    }
  }

  // --- Frames: only on demand -------------------------------------------------------------------
  // Nothing draws while idle: a frame runs only when input, a network completion, a timer the
  // app asked for, or ImGui itself (trickled input, a settling hover) requests one.
  function requestFrame() {
    if (!started || frameScheduled) return;
    frameScheduled = true;
    requestAnimationFrame(function () {
      frameScheduled = false;
      Module['_mimamori_web_frame'](performance.now());
    });
  }

  function setTimer(ms) {
    const deadline = performance.now() + ms;
    if (timer !== null && timerDeadline <= deadline) return; // an earlier timer will draw anyway
    if (timer !== null) clearTimeout(timer);
    timerDeadline = deadline;
    timer = setTimeout(function () {
      timer = null;
      timerDeadline = Infinity;
      requestFrame();
    }, Math.max(0, ms));
  }

  // --- Canvas size and devicePixelRatio ---------------------------------------------------------
  // The backing store is sized in device pixels so that text is rasterised for the screen it is
  // shown on (emscripten's GLFW would size it in CSS pixels and let the browser upscale it).
  let devicePixelSize = null; // exact size from ResizeObserver's device-pixel-content-box

  function syncCanvasSize() {
    const rect = canvas.getBoundingClientRect();
    const ratio = window.devicePixelRatio || 1;
    let width = Math.round(rect.width * ratio);
    let height = Math.round(rect.height * ratio);
    // The observer's exact size wins when it agrees with the estimate; it does not under
    // emulated pixel ratios (DevTools, headless deviceScaleFactor), where it stays at 1x.
    if (devicePixelSize && Math.abs(devicePixelSize.width - width) <= 1 &&
        Math.abs(devicePixelSize.height - height) <= 1) {
      width = devicePixelSize.width;
      height = devicePixelSize.height;
    }
    width = Math.max(1, width);
    height = Math.max(1, height);
    if (canvas.width !== width) canvas.width = width;
    if (canvas.height !== height) canvas.height = height;
    // C++ draws at once when running: a resized canvas is blank until the next frame.
    Module['_mimamori_web_resize'](width, height, ratio);
  }

  function watchPixelRatio() {
    // A resolution query matches only the current ratio; it fires once when the ratio changes
    // (zoom, moving the window to another screen), and is then re-armed for the new ratio.
    const query = window.matchMedia('(resolution: ' + (window.devicePixelRatio || 1) + 'dppx)');
    query.addEventListener('change', function () {
      devicePixelSize = null;
      syncCanvasSize();
      watchPixelRatio();
    }, { once: true });
  }

  if (typeof ResizeObserver !== 'undefined') {
    const observer = new ResizeObserver(function (entries) {
      const entry = entries[entries.length - 1];
      const box = entry.devicePixelContentBoxSize && entry.devicePixelContentBoxSize[0];
      devicePixelSize = box ? { width: box.inlineSize, height: box.blockSize } : null;
      if (runtimeReady) syncCanvasSize();
    });
    try {
      observer.observe(canvas, { box: 'device-pixel-content-box' });
    } catch (e) { // Safari: no device-pixel-content-box
      observer.observe(canvas);
    }
  }
  window.addEventListener('resize', function () {
    if (started) syncCanvasSize();
  });

  // --- Pointer input (mouse, touch, pen) --------------------------------------------------------
  const kMove = 0, kDown = 1, kUp = 2, kLeave = 3;
  const kSources = { mouse: 0, touch: 1, pen: 2 };

  function sendPointer(action, event) {
    if (!started || !event.isPrimary) return; // one finger acts as the mouse; others are ignored
    const rect = canvas.getBoundingClientRect();
    const x = (event.clientX - rect.left) * (canvas.width / rect.width);
    const y = (event.clientY - rect.top) * (canvas.height / rect.height);
    const source = kSources[event.pointerType] !== undefined ? kSources[event.pointerType] : 0;
    // Down and up draw a frame synchronously: a text field activated by this press gets the IME
    // field focused inside the user gesture, which tablets need to raise the on-screen keyboard.
    Module['_mimamori_web_pointer'](action, source, event.button, x, y);
  }

  // Two fingers: the app hears the pinch (how far apart they are, where between them), the first
  // finger alone acting as the mouse. A third finger is ignored.
  const fingers = new Map(); // pointerId -> {x, y} in canvas pixels
  let pinchDistance = 0; // at the last report; 0: no pinch going on
  function trackFinger(event, down) {
    if (!started || event.pointerType !== 'touch') return;
    const rect = canvas.getBoundingClientRect();
    const at = { x: (event.clientX - rect.left) * (canvas.width / rect.width),
                 y: (event.clientY - rect.top) * (canvas.height / rect.height) };
    if (down === true) fingers.set(event.pointerId, at);
    else if (down === false) fingers.delete(event.pointerId);
    else if (fingers.has(event.pointerId)) fingers.set(event.pointerId, at);
    else return;
    const pinch = Module['_mimamori_web_pinch'];
    if (fingers.size !== 2) {
      if (pinchDistance > 0) pinch(2, at.x, at.y, 1);
      pinchDistance = 0;
      return;
    }
    const [a, b] = Array.from(fingers.values());
    const distance = Math.max(1, Math.hypot(a.x - b.x, a.y - b.y));
    const cx = (a.x + b.x) / 2, cy = (a.y + b.y) / 2;
    if (pinchDistance === 0) {
      pinch(0, cx, cy, 1);
    } else {
      pinch(1, cx, cy, distance / pinchDistance);
    }
    pinchDistance = distance;
  }

  canvas.addEventListener('pointerdown', function (event) {
    event.preventDefault(); // no focus change away from the IME field, no text selection
    try { canvas.setPointerCapture(event.pointerId); } catch (e) { /* pointer already gone */ }
    sendPointer(kDown, event);
    trackFinger(event, true);
  });
  canvas.addEventListener('pointermove', function (event) {
    trackFinger(event, undefined);
    // A fast stroke brings several positions per event: each is a point of a drawn signature
    // (ImGui itself takes the last one).
    const coalesced = event.getCoalescedEvents ? event.getCoalescedEvents() : [];
    if (coalesced.length > 1) {
      for (const e of coalesced) sendPointer(kMove, e);
    } else {
      sendPointer(kMove, event);
    }
  });
  canvas.addEventListener('pointerup', function (event) {
    trackFinger(event, false);
    sendPointer(kUp, event);
  });
  canvas.addEventListener('pointercancel', function (event) {
    trackFinger(event, false);
    sendPointer(kLeave, event);
  });
  canvas.addEventListener('pointerleave', function (event) {
    if (event.pointerType === 'mouse') sendPointer(kLeave, event);
  });
  // The compatibility mousedown would move focus to <body> and out of the IME field.
  canvas.addEventListener('mousedown', function (event) { event.preventDefault(); });
  canvas.addEventListener('contextmenu', function (event) { event.preventDefault(); });
  // The wheel scrolls ImGui, never the page. ImGui counts in wheel notches: about 100 pixels,
  // 3 lines or 1/80 page each (what browsers report per notch).
  canvas.addEventListener('wheel', function (event) {
    event.preventDefault();
    if (!started) return;
    const unit = event.deltaMode === 1 ? 1 / 3 : event.deltaMode === 2 ? 80 : 1 / 100;
    Module['_mimamori_web_wheel'](-event.deltaX * unit, -event.deltaY * unit);
  }, { passive: false });

  // --- Keyboard, text and IME --------------------------------------------------------------------
  // Registered before glfwInit runs, so this capture listener sees each key before GLFW does:
  // keys that belong to an IME composition (keyCode 229, or any key while composing) never reach
  // ImGui, or Enter that commits a word would also submit the field.
  window.addEventListener('keydown', function (event) {
    if (composing || event.isComposing || event.keyCode === 229) {
      event.stopImmediatePropagation();
      return;
    }
    // The field is only a conduit: ImGui handles Enter itself, a newline here would come back
    // as text and double it.
    if (event.key === 'Enter' && event.target === ime) event.preventDefault();
    // Ctrl+V (Cmd+V) is left to the browser, whose paste event then carries the text (see
    // 'paste' below); ImGui must not see these keys as a second paste.
    if ((event.ctrlKey || event.metaKey) && !event.altKey && (event.key === 'v' || event.key === 'V')) {
      event.stopImmediatePropagation();
    }
  }, true);
  window.addEventListener('keyup', function (event) {
    if (composing || event.isComposing) event.stopImmediatePropagation();
  }, true);

  // Text reaches ImGui from this field only (GLFW's keypress characters are not used), so typed
  // letters, committed IME text, on-screen keyboards and paste all take one path.
  function flushText() {
    const text = ime.value;
    if (!text || !started) return;
    ime.value = '';
    withCString(text, function (ptr) { Module['_mimamori_web_text'](ptr); });
  }

  function fitPreedit() {
    // While composing, the field shows the pre-edit text at the caret in ImGui's font size.
    ime.style.width = 'auto';
    ime.style.width = Math.max(ime.scrollWidth, imeLineHeight * 4) + 'px';
  }

  ime.addEventListener('compositionstart', function () {
    composing = true;
    ime.classList.add('composing');
    fitPreedit();
  });
  ime.addEventListener('compositionupdate', fitPreedit);
  ime.addEventListener('compositionend', function () {
    composing = false;
    ime.classList.remove('composing');
    ime.style.width = '';
    flushText();
  });
  ime.addEventListener('input', function (event) {
    if (composing || event.isComposing) {
      fitPreedit();
      return;
    }
    flushText();
  });
  // On-screen keyboards send Backspace as keyCode 229 with no text to delete in the empty field:
  // turn the deletion they ask for into the key ImGui understands.
  ime.addEventListener('beforeinput', function (event) {
    if (composing || !started) return;
    if (event.inputType === 'deleteContentBackward' && ime.value === '') {
      event.preventDefault();
      Module['_mimamori_web_backspace']();
    }
  });

  // Paste: the page's paste event is the one path, so keyboard paste, the context menu and a
  // tablet's paste button behave alike. C++ hands the text to ImGui as a Ctrl+V with this text on
  // its clipboard (typed characters would be dropped by ImGui while Ctrl is down).
  document.addEventListener('paste', function (event) {
    if (!started || !imeWanted) return;
    event.preventDefault();
    const text = event.clipboardData ? event.clipboardData.getData('text/plain') : '';
    if (text) withCString(text, function (ptr) { Module['_mimamori_web_paste'](ptr); });
  });

  function updateIme(want, x, y, lineHeight) {
    imeWanted = want;
    const rect = canvas.getBoundingClientRect();
    const scale = rect.width / canvas.width; // device px -> CSS px
    imeLineHeight = Math.max(1, lineHeight * scale);
    ime.style.left = (rect.left + x * scale) + 'px';
    ime.style.top = (rect.top + y * scale) + 'px';
    ime.style.height = imeLineHeight + 'px';
    ime.style.fontSize = (imeLineHeight * 0.9) + 'px';
    if (want && document.activeElement !== ime) {
      ime.focus({ preventScroll: true });
    } else if (!want && document.activeElement === ime) {
      ime.blur();
      ime.value = '';
    }
  }

  function writeClipboard(text) {
    if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(text).catch(function (error) {
        console.warn('mimamori: copy to the clipboard was refused:', error && error.message);
      });
    } else {
      console.warn('mimamori: no clipboard access here (the page needs HTTPS)');
    }
  }

  const kCursors = ['default', 'text', 'move', 'ns-resize', 'ew-resize', 'nesw-resize',
                    'nwse-resize', 'pointer', 'not-allowed'];
  function setCursor(imguiCursor) {
    const css = imguiCursor < 0 ? 'none' : (kCursors[imguiCursor] || 'default');
    if (css !== lastCursor) {
      canvas.style.cursor = css;
      lastCursor = css;
    }
  }

  window.addEventListener('focus', function () { if (started) Module['_mimamori_web_focus'](1); });
  window.addEventListener('blur', function () { if (started) Module['_mimamori_web_focus'](0); });

  // --- Routes: the URL hash (#/..., deep links and back/forward) -------------------------------
  function hashRoute() {
    const hash = window.location.hash;
    if (hash.length < 2 || hash[1] !== '/') return '/';
    try {
      return decodeURI(hash.slice(1));
    } catch (e) { // a malformed %-escape: the route as written
      return hash.slice(1);
    }
  }
  function sendRoute() {
    route = hashRoute();
    withCString(route, function (ptr) { Module['_mimamori_web_route'](ptr); });
  }
  window.addEventListener('hashchange', function () { if (started) sendRoute(); });

  function navigate(path, replace) {
    if (path === route) return;
    const hash = '#' + encodeURI(path);
    if (replace) {
      window.location.replace(hash); // no new history entry; hashchange follows
    } else {
      window.location.hash = hash; // pushes a history entry; hashchange follows
    }
  }

  // --- HTTP --------------------------------------------------------------------------------------
  // Headers cross the boundary as "name\nvalue\n" pairs (neither may hold a line break in HTTP).
  function fetchStart(id, method, url, body, contentType, headers) {
    const init = { method: method, credentials: 'same-origin', headers: {} };
    if (contentType) init.headers['Content-Type'] = contentType;
    const pairs = headers ? headers.split('\n') : [];
    for (let i = 0; i + 1 < pairs.length; i += 2) init.headers[pairs[i]] = pairs[i + 1];
    if (body !== null && method !== 'GET' && method !== 'HEAD') init.body = body;
    requestsInFlight.add(id);
    fetch(url, init).then(function (response) {
      return response.arrayBuffer().then(function (buffer) {
        let received = '';
        response.headers.forEach(function (value, name) { received += name + '\n' + value + '\n'; });
        complete(id, response.status, new Uint8Array(buffer), received, '');
      });
    }).catch(function (error) {
      complete(id, 0, new Uint8Array(0), '', String((error && error.message) || error || 'network error'));
    });
  }

  function complete(id, status, bytes, headers, error) {
    requestsInFlight.delete(id);
    const ptr = _malloc(Math.max(1, bytes.length));
    try {
      HEAPU8.set(bytes, ptr);
      withCString(headers, function (headersPtr) {
        withCString(error, function (errorPtr) {
          Module['_mimamori_web_fetch_done'](id, status, ptr, bytes.length, headersPtr, errorPtr);
        });
      });
    } finally {
      _free(ptr);
    }
  }

  // --- Downloads and printing ------------------------------------------------------------------
  // A download is a same-origin link with the download attribute: the browser sends the session
  // cookie and saves the answer under the name its Content-Disposition gives.
  function download(url) {
    const link = document.createElement('a');
    link.href = url;
    link.download = '';
    link.rel = 'noopener';
    document.body.appendChild(link);
    link.click();
    link.remove();
  }

  // Printing: the print-only element (app.css shows it and hides the canvas on paper) holds the
  // text while the print dialog is open and is emptied as soon as it closes, so nothing printed
  // (recovery codes) stays in the page.
  const printArea = document.getElementById('mimamori-print');
  function clearPrintArea() {
    while (printArea.firstChild) printArea.removeChild(printArea.firstChild);
  }
  function printLines(title, lines) {
    clearPrintArea();
    const heading = document.createElement('h1');
    heading.textContent = title;
    printArea.appendChild(heading);
    const list = document.createElement('ul');
    for (const line of lines.split('\n')) {
      const item = document.createElement('li');
      item.textContent = line;
      list.appendChild(item);
    }
    printArea.appendChild(list);
    window.addEventListener('afterprint', clearPrintArea, { once: true });
    try {
      window.print();
    } finally {
      clearPrintArea();
    }
  }

  // --- Files the person chooses -----------------------------------------------------------------
  // The browser's file picker opens only inside a user gesture: C++ calls this from the frame of a
  // press, which pointer and key events draw synchronously. The chosen file is read into the wasm
  // heap; one larger than maxBytes is not read at all.
  const kFileChosen = 0, kFileCancelled = 1, kFileTooLarge = 2, kFileUnreadable = 3;
  const filesInFlight = new Set();

  function pickFile(id, accept, maxBytes) {
    const input = document.createElement('input');
    input.type = 'file';
    input.accept = accept;
    input.hidden = true;
    let settled = false;
    function finish(status, file, bytes) {
      if (settled) return;
      settled = true;
      input.remove();
      filesInFlight.delete(id);
      const data = bytes || new Uint8Array(0);
      const ptr = _malloc(Math.max(1, data.length));
      try {
        HEAPU8.set(data, ptr);
        withCString(file ? file.name : '', function (namePtr) {
          withCString(file ? file.type : '', function (typePtr) {
            Module['_mimamori_web_file_done'](id, status, namePtr, typePtr, ptr, data.length, file ? file.size : 0);
          });
        });
      } finally {
        _free(ptr);
      }
    }
    input.addEventListener('change', function () {
      const file = input.files && input.files[0];
      if (!file) return finish(kFileCancelled, null, null);
      if (file.size > maxBytes) return finish(kFileTooLarge, file, null);
      filesInFlight.add(id);
      file.arrayBuffer().then(function (buffer) {
        finish(kFileChosen, file, new Uint8Array(buffer));
      }, function () {
        finish(kFileUnreadable, file, null);
      });
    });
    input.addEventListener('cancel', function () { finish(kFileCancelled, null, null); });
    document.body.appendChild(input);
    input.click();
  }

  // --- Time ----------------------------------------------------------------------------------------
  function localTime(iso) {
    const date = new Date(iso);
    if (!iso || isNaN(date.getTime())) return iso;
    const two = function (n) { return String(n).padStart(2, '0'); };
    return date.getFullYear() + '-' + two(date.getMonth() + 1) + '-' + two(date.getDate()) + ' ' +
      two(date.getHours()) + ':' + two(date.getMinutes());
  }

  // --- Errors: reported to the server, best effort, and shown instead of a dead page ------------
  function reportError(message, where) {
    if (reportsLeft <= 0) return;
    reportsLeft -= 1;
    try {
      fetch('api/v1/client-errors', {
        method: 'POST',
        credentials: 'same-origin',
        keepalive: true,
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ message: String(message).slice(0, 2000), where: String(where).slice(0, 200) }),
      }).catch(function () { /* the server is down: nothing more to do */ });
    } catch (e) { /* never let reporting throw */ }
  }

  function showFailure() {
    splash.classList.remove('hidden');
    splash.classList.add('failed');
    splashMessage.textContent = '問題が発生しました。ページを再読み込みしてください。' +
      ' / Something went wrong. Please reload the page.';
  }

  window.addEventListener('error', function (event) {
    reportError(event.message || 'error', (event.filename || '') + ':' + event.lineno + ':' + event.colno);
  });
  window.addEventListener('unhandledrejection', function (event) {
    const reason = event.reason;
    reportError((reason && (reason.stack || reason.message)) || String(reason), 'unhandledrejection');
  });
  Module['onAbort'] = function (what) {
    reportError('wasm abort: ' + what, 'wasm');
    showFailure();
  };

  // --- Start-up ----------------------------------------------------------------------------------
  Module['onRuntimeInitialized'] = function () {
    // Before main(): the app is created at the right size and pixel ratio, and on the right route.
    runtimeReady = true;
    // Shortcuts on a Mac use Cmd (GLFW's Super) where other systems use Ctrl.
    const platform = (navigator.userAgentData && navigator.userAgentData.platform) || navigator.platform || '';
    Module['_mimamori_web_set_mac'](/mac|iphone|ipad/i.test(platform) ? 1 : 0);
    syncCanvasSize();
    route = hashRoute();
    withCString(route, function (ptr) { Module['_mimamori_web_route'](ptr); });
  };

  function onStarted() {
    started = true;
    watchPixelRatio();
    syncCanvasSize();
    requestFrame();
  }

  function onFirstInteractive() {
    if (firstInteractiveMs !== null) return;
    firstInteractiveMs = performance.now();
    performance.mark('mimamori:first-interactive');
    splash.classList.add('hidden');
  }

  // --- Test and benchmark hook -------------------------------------------------------------------
  // Browser tests read what is on screen from ImGui's own item records instead of guessing
  // coordinates; the benchmark reads the time to the first interactive frame and the frame count.
  function widgets() {
    if (!started) return [];
    const list = JSON.parse(UTF8ToString(Module['_mimamori_web_widgets']()));
    const rect = canvas.getBoundingClientRect();
    const sx = rect.width / canvas.width;
    const sy = rect.height / canvas.height;
    return list.map(function (w) {
      return {
        label: w.label, id: w.id, kind: w.kind, enabled: w.enabled, value: w.value, active: w.active,
        rect: { x: rect.left + w.x * sx, y: rect.top + w.y * sy, w: w.w * sx, h: w.h * sy },
        // The part of the widget's window on screen (the scrolling screen: below the header).
        visible: { x: rect.left + w.vx * sx, y: rect.top + w.vy * sy, w: w.vw * sx, h: w.vh * sy },
      };
    });
  }

  window.mimamori = Object.freeze({
    widgets: widgets,
    frames: function () { return started ? Module['_mimamori_web_frame_count']() : 0; },
    route: function () { return route; },
    ready: function () { return firstInteractiveMs !== null; },
    firstInteractiveMs: function () { return firstInteractiveMs; },
    // True when nothing is pending: no frame scheduled, no request in flight, no file being read.
    idle: function () { return started && !frameScheduled && requestsInFlight.size === 0 && filesInFlight.size === 0; },
    metrics: function () {
      if (!started) return null;
      const m = JSON.parse(UTF8ToString(Module['_mimamori_web_metrics']()));
      const rect = canvas.getBoundingClientRect();
      m.cssWidth = rect.width;
      m.cssHeight = rect.height;
      m.canvasWidth = canvas.width;
      m.canvasHeight = canvas.height;
      return m;
    },
  });

  return {
    requestFrame: requestFrame,
    setTimer: setTimer,
    updateIme: updateIme,
    writeClipboard: writeClipboard,
    setCursor: setCursor,
    navigate: navigate,
    fetchStart: fetchStart,
    download: download,
    printLines: printLines,
    pickFile: pickFile,
    localTime: localTime,
    reportError: reportError,
    onStarted: onStarted,
    onFirstInteractive: onFirstInteractive,
    showFailure: showFailure,
  };
})();
