/* The timed paper: save each answer at once, queue it in localStorage while offline,
   count down to the SERVER's deadline. Without this script the page is a plain form. */
(function () {
  "use strict";
  var root = document.getElementById("attempt");
  if (!root || !window.fetch || !window.Promise) return;

  var api = root.dataset.api;
  var resultUrl = root.dataset.resultUrl;
  var deadline = Date.parse(root.dataset.deadline);
  var offset = Date.parse(root.dataset.serverTime) - Date.now(); // server clock - client clock
  var graceMs = Number(root.dataset.grace || 5) * 1000;
  var KEY = "attempt-queue:" + root.dataset.attempt;
  var form = document.getElementById("attempt-form");
  var timerEl = document.getElementById("timer");
  var netEl = document.getElementById("net-state");
  var messageEl = document.getElementById("attempt-message");
  var announceEl = document.getElementById("time-announce");
  var submitButton = document.getElementById("submit-button");
  var queue = loadQueue(); // {"3": {selected: [1]}, "prediction": {value: "12"}}
  var inflight = null, retryTimer = null, backoff = 1000, finished = false, announced = {};
  var HEADERS = { "Content-Type": "application/json", "X-Requested-With": "fetch" };
  /* Vietnamese fallback; take.html passes the page's language in #attempt-messages. */
  var MSG = {
    saved: "✓ Đã lưu", empty: "Chưa trả lời", pending: "… Đang lưu",
    offline: "⚠ Chưa lưu — sẽ tự gửi lại khi có mạng", refused: "✗ Không được ghi nhận",
    navAnswered: "Câu {n}: đã trả lời", navEmpty: "Câu {n}: chưa trả lời",
    unansweredOne: "Bạn còn {n} câu chưa trả lời.", unansweredMany: "Bạn còn {n} câu chưa trả lời.",
    allAnswered: "Bạn đã trả lời tất cả các câu.",
    sessionExpired: "Phiên đăng nhập đã hết hạn. Câu trả lời vẫn được giữ trên máy này; " +
      "hãy đăng nhập lại ở một thẻ khác rồi quay lại.",
    notRecorded: "Câu trả lời không được ghi nhận.",
    connectionLost: "Mất kết nối. Câu trả lời được giữ trên máy này và sẽ tự động gửi lại.",
    left300: "Còn 5 phút.", left60: "Còn 1 phút.",
    submitFailed: "Chưa nộp được bài. Vui lòng thử lại.",
    timeUp: "Hết giờ làm bài. Đang chốt bài thi...",
    offlineSubmit: "Không có kết nối mạng nên chưa nộp được bài. Câu trả lời vẫn được giữ " +
      "trên máy; hãy bấm Nộp bài lại khi có mạng.",
    offlineRetry: "Không có kết nối mạng nên chưa nộp được bài. Vui lòng thử lại."
  };
  (function loadMessages() {
    var block = document.getElementById("attempt-messages");
    var given = {};
    try { given = JSON.parse(block ? block.textContent : "{}") || {}; } catch (e) { given = {}; }
    Object.keys(MSG).forEach(function (key) {
      if (typeof given[key] === "string" && given[key]) MSG[key] = given[key];
    });
  }());
  var STATES = {
    saved: MSG.saved, empty: MSG.empty, pending: MSG.pending,
    offline: MSG.offline, refused: MSG.refused
  };

  function loadQueue() {
    try { return JSON.parse(localStorage.getItem(KEY)) || {}; } catch (e) { return {}; }
  }
  function saveQueue() {
    try { localStorage.setItem(KEY, JSON.stringify(queue)); } catch (e) { /* private mode */ }
  }
  function pending() { return Object.keys(queue); }
  function serverNow() { return Date.now() + offset; }

  function fieldsetOf(position) { return document.getElementById("q-" + position); }
  function selectionOf(fieldset) {
    var chosen = [];
    fieldset.querySelectorAll("input:checked").forEach(function (input) {
      chosen.push(Number(input.value));
    });
    return chosen;
  }

  function setState(position, state) {
    var el = document.getElementById("s-" + position);
    if (el) el.textContent = position === "prediction" && state === "empty" ? "" : STATES[state];
    var fieldset = fieldsetOf(position);
    if (fieldset) fieldset.dataset.state = state;
  }

  function updateProgress() {
    var answered = 0, total = 0;
    form.querySelectorAll("fieldset[data-position]").forEach(function (fieldset) {
      var position = fieldset.dataset.position, done = selectionOf(fieldset).length > 0;
      var link = document.getElementById("nav-" + position);
      total += 1;
      if (done) answered += 1;
      if (link) {
        link.classList.toggle("answered", done);
        link.querySelector(".mark").textContent = done ? "✓" : "";
        link.setAttribute("aria-label",
          (done ? MSG.navAnswered : MSG.navEmpty).replace("{n}", position));
      }
    });
    document.getElementById("answered-count").textContent = answered;
    var note = document.getElementById("unanswered-note");
    var left = total - answered;
    note.textContent = left > 0 ?
      (left === 1 ? MSG.unansweredOne : MSG.unansweredMany).replace("{n}", left) :
      MSG.allAnswered;
  }

  function showMessage(text) {
    messageEl.textContent = text;
    messageEl.hidden = !text;
  }
  function setNet(ok, text) {
    netEl.hidden = ok;
    netEl.textContent = ok ? "" : text;
  }

  function request(method, url, body) {
    return fetch(url, {
      method: method, credentials: "same-origin", headers: HEADERS,
      body: body === undefined ? undefined : JSON.stringify(body)
    }).then(function (response) {
      return response.json().catch(function () { return {}; }).then(function (data) {
        return { status: response.status, ok: response.ok, data: data };
      });
    });
  }

  /* Send one queued entry. Resolves on an answer from the server; rejects when it must be
     retried (network down, server error, logged out). */
  function sendOne(key) {
    var entry = queue[key];
    var call = key === "prediction" ?
      request("PUT", api + "/prediction", { prediction: entry.value === "" ? null : entry.value }) :
      request("PUT", api + "/answers/" + key, { selected: entry.selected });
    return call.then(function (res) {
      if (res.status === 401) {
        setNet(false, MSG.sessionExpired);
        throw new Error("unauthorised");
      }
      if (res.status >= 500) throw new Error("server " + res.status);
      if (queue[key] === entry) delete queue[key];
      saveQueue();
      if (res.ok) {
        var empty = key === "prediction" ? entry.value === "" : entry.selected.length === 0;
        if (!queue[key]) setState(key, empty ? "empty" : "saved");
      } else {
        setState(key, "refused");
        showMessage(res.data.message || MSG.notRecorded);
        if (res.status === 409) checkStatus();
      }
    });
  }

  /* Send the queue in order. Resolves true when everything is acknowledged, false when the
     network is down (a retry is then scheduled with exponential backoff, up to 30 s). */
  function flush() {
    if (inflight) {
      return inflight.then(function () { return pending().length ? flush() : true; });
    }
    clearTimeout(retryTimer);
    retryTimer = null;
    function next() {
      var keys = pending();
      if (!keys.length) return Promise.resolve(true);
      return sendOne(keys[0]).then(next);
    }
    inflight = next().then(function () {
      inflight = null;
      backoff = 1000;
      setNet(true);
      return true;
    }, function () {
      inflight = null;
      pending().forEach(function (key) { setState(key, "offline"); });
      if (netEl.hidden) setNet(false, MSG.connectionLost);
      retryTimer = setTimeout(flush, backoff);
      backoff = Math.min(backoff * 2, 30000);
      return false;
    });
    return inflight;
  }

  function enqueue(key, entry) {
    queue[key] = entry;
    saveQueue();
    setState(key, "pending");
    flush();
  }

  form.addEventListener("change", function (event) {
    var input = event.target;
    if (input.id === "prediction") {
      enqueue("prediction", { value: input.value.trim() });
      return;
    }
    var fieldset = input.closest("fieldset[data-position]");
    if (!fieldset || finished) return;
    updateProgress();
    enqueue(fieldset.dataset.position, { selected: selectionOf(fieldset) });
  });

  /* Answers still queued from before a reload win over what the server rendered. */
  function restoreQueue() {
    pending().forEach(function (key) {
      if (key === "prediction") {
        var box = document.getElementById("prediction");
        if (box) box.value = queue[key].value;
      } else {
        var fieldset = fieldsetOf(key);
        if (!fieldset) { delete queue[key]; return; }
        fieldset.querySelectorAll("input").forEach(function (input) {
          input.checked = queue[key].selected.indexOf(Number(input.value)) !== -1;
        });
      }
      setState(key, "pending");
    });
    saveQueue();
    updateProgress();
  }

  function pad(n) { return (n < 10 ? "0" : "") + n; }
  function tick() {
    var left = Math.max(0, Math.floor((deadline - serverNow()) / 1000));
    var h = Math.floor(left / 3600), m = Math.floor(left % 3600 / 60), s = left % 60;
    timerEl.textContent = (h ? h + ":" + pad(m) : pad(m)) + ":" + pad(s);
    timerEl.classList.toggle("warn", left <= 60);
    [300, 60].forEach(function (mark) {
      if (left <= mark && left > mark - 5 && !announced[mark]) {
        announced[mark] = true;
        announceEl.textContent = MSG["left" + mark];
      }
    });
    if (left <= 0 && !finished) timeUp();
  }

  function goToResult() { window.location.assign(resultUrl); }

  function finishWithSubmit() {
    var box = document.getElementById("prediction");
    var body = box ? { prediction: box.value.trim() === "" ? null : box.value.trim() } : {};
    return request("POST", api + "/submit", body).then(function (res) {
      if (res.ok) {
        finished = true;
        try { localStorage.removeItem(KEY); } catch (e) { /* ignore */ }
        goToResult();
        return true;
      }
      showMessage(res.data.message || MSG.submitFailed);
      return false;
    });
  }

  function timeUp() {
    finished = true;
    form.querySelectorAll("input").forEach(function (input) { input.disabled = true; });
    submitButton.disabled = true;
    showMessage(MSG.timeUp);
    flush().then(function () { return finishWithSubmit(); }).catch(function () { return false; })
      .then(function (done) {
        if (!done) setTimeout(goToResult, graceMs + 1000);
      });
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    if (finished) return;
    submitButton.disabled = true;
    showMessage("");
    var box = document.getElementById("prediction");
    if (box && (!queue.prediction || queue.prediction.value !== box.value.trim())) {
      queue.prediction = { value: box.value.trim() };
      saveQueue();
    }
    flush().then(function (allSent) {
      if (!allSent) {
        showMessage(MSG.offlineSubmit);
        return false;
      }
      return finishWithSubmit();
    }).catch(function () {
      showMessage(MSG.offlineRetry);
      return false;
    }).then(function (done) { if (!done) submitButton.disabled = false; });
  });

  /* Offset between the server clock and this device, from a round trip to the status API. */
  function checkStatus() {
    var sent = Date.now();
    return request("GET", api + "/status").then(function (res) {
      if (!res.ok) return;
      var received = Date.now();
      offset = Date.parse(res.data.server_time) + (received - sent) / 2 - received;
      deadline = Date.parse(res.data.deadline);
      if (res.data.status !== "open" && !pending().length) {
        finished = true;
        goToResult();
      }
    }).catch(function () { /* offline: keep the offset from the page */ });
  }

  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState !== "hidden" || finished) return;
    fetch(api + "/events", {
      method: "POST", credentials: "same-origin", headers: HEADERS, keepalive: true,
      body: JSON.stringify({ type: "tab_hidden" })
    }).catch(function () { /* counting is best effort */ });
  });
  window.addEventListener("online", function () { backoff = 1000; flush(); });
  window.addEventListener("offline", function () {
    setNet(false, MSG.connectionLost);
  });
  setInterval(function () { if (pending().length) flush(); }, 10000);

  restoreQueue();
  checkStatus().then(flush);
  tick();
  setInterval(tick, 250);
  root.classList.add("js");
}());
