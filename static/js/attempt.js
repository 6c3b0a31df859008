/* The timed paper: save each answer at once, queue it in localStorage while offline and
   flush the queue in one request, count down to the SERVER's deadline. Without this script
   the page is a plain form.

   The clock: time left = server deadline - (server time at the last response + the monotonic
   time since, performance.now()), resynced on every response. The device clock (Date.now())
   is never read, so changing it changes nothing. At zero the page asks the server and does
   what it says; it never submits on its own count alone. */
(function () {
  "use strict";
  var root = document.getElementById("attempt");
  if (!root || !window.fetch || !window.Promise) return;

  var api = root.dataset.api;
  var resultUrl = root.dataset.resultUrl;
  var deadline = Date.parse(root.dataset.deadline);
  var syncServer = Date.parse(root.dataset.serverTime); // server time at the last response
  var syncPerf = performance.now(); // ... and the monotonic time when it came
  var graceMs = Number(root.dataset.grace || 5) * 1000;
  var NEAR_MS = 120000; // "the deadline is near": warn when offline with unsent answers
  var KEY = "attempt-queue:" + root.dataset.attempt;
  var form = document.getElementById("attempt-form");
  var timerEl = document.getElementById("timer");
  var netEl = document.getElementById("net-state");
  var messageEl = document.getElementById("attempt-message");
  var announceEl = document.getElementById("time-announce");
  var submitButton = document.getElementById("submit-button");
  var submitMessageEl = document.getElementById("submit-message");
  var confirmEl = document.getElementById("submit-confirm");
  var warningEl = document.getElementById("offline-warning");
  var undeliveredEl = document.getElementById("undelivered");
  var queue = loadQueue(); // {"3": {selected: [1]}, "prediction": {value: "12"}}
  var inflight = null, retryTimer = null, backoff = 1000, finished = false, announced = {};
  var offline = false, timeUpAsked = false, statusTimer = null, late = {}, warned = "";
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
    offlineRetry: "Không có kết nối mạng nên chưa nộp được bài. Vui lòng thử lại.",
    offlineNear: "Mất kết nối mạng và sắp hết giờ: {n} câu trả lời chưa gửi được ({list}). " +
      "Hãy kết nối lại mạng ngay; câu nào không đến máy chủ trước thời hạn sẽ không được tính.",
    undelivered: "Chưa gửi được đến máy chủ trước thời hạn: {list}. Trang sẽ tự gửi lại khi có " +
      "mạng; câu trả lời đến sau thời hạn không được tính.",
    refusedLate: "Không được ghi nhận vì đến máy chủ sau thời hạn: {list}.",
    askingServer: "Đồng hồ đã về 0. Đang hỏi máy chủ thời gian còn lại...",
    question: "Câu {n}", confirmAll: "Bạn đã trả lời tất cả các câu. Nộp bài?",
    confirmSome: "Bạn còn {n} câu chưa trả lời: {list}. Vẫn nộp bài?"
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
  function serverNow() { return syncServer + (performance.now() - syncPerf); }
  /* Resync the clock on a response: its server_time, less half the round trip. */
  function sync(data, sentAt) {
    if (!data) return;
    var t = Date.parse(data.server_time);
    if (!isNaN(t)) {
      var now = performance.now();
      syncServer = t + (sentAt === undefined ? 0 : (now - sentAt) / 2);
      syncPerf = now;
    }
    var d = Date.parse(data.deadline);
    if (!isNaN(d)) deadline = d;
  }
  function questionList(keys) {
    return keys.filter(function (k) { return k !== "prediction"; })
      .map(function (k) { return MSG.question.replace("{n}", k); }).join(", ");
  }

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
    var sentAt = performance.now();
    return fetch(url, {
      method: method, credentials: "same-origin", headers: HEADERS,
      body: body === undefined ? undefined : JSON.stringify(body)
    }).then(function (response) {
      return response.json().catch(function () { return {}; }).then(function (data) {
        sync(data, sentAt);
        offline = false;
        return { status: response.status, ok: response.ok, data: data };
      });
    }, function (error) {
      offline = true;
      throw error;
    });
  }

  function refused(key, message, status) {
    setState(key, "refused");
    if (status === 409 && key !== "prediction" && serverNow() > deadline) late[key] = true;
    showMessage(message || MSG.notRecorded);
  }

  /* Send the whole queue: every answer in one request (each acknowledged on its own), the
     prediction in another. Resolves once the server answered; rejects when it must be
     retried (network down, server error, logged out). */
  function sendQueue() {
    var sent = {}, answers = [];
    pending().forEach(function (key) {
      sent[key] = queue[key];
      if (key !== "prediction") answers.push({ position: Number(key), selected: queue[key].selected });
    });
    function settle(res) {
      if (res.status === 401) {
        setNet(false, MSG.sessionExpired);
        throw new Error("unauthorised");
      }
      if (res.status >= 500) throw new Error("server " + res.status);
      return res;
    }
    var calls = [];
    if (answers.length) {
      calls.push(request("PUT", api + "/answers", { answers: answers }).then(settle).then(function (res) {
        var results = res.ok && res.data.results ? res.data.results : answers.map(function (a) {
          return { position: a.position, saved: false, status: res.status, message: res.data.message };
        });
        results.forEach(function (r) {
          var key = String(r.position), entry = sent[key];
          if (queue[key] === entry) delete queue[key];
          if (r.saved) {
            if (!queue[key]) setState(key, entry.selected.length ? "saved" : "empty");
          } else if (!queue[key]) {
            refused(key, r.message, r.status);
          }
        });
        saveQueue();
        if (results.some(function (r) { return !r.saved && r.status === 409; })) checkStatus();
      }));
    }
    if (sent.prediction) {
      var entry = sent.prediction;
      calls.push(request("PUT", api + "/prediction",
        { prediction: entry.value === "" ? null : entry.value }).then(settle).then(function (res) {
        if (queue.prediction === entry) delete queue.prediction;
        saveQueue();
        if (res.ok) { if (!queue.prediction) setState("prediction", entry.value === "" ? "empty" : "saved"); }
        else refused("prediction", res.data.message, res.status);
      }));
    }
    return Promise.all(calls);
  }

  /* Send the queue in order. Resolves true when everything is acknowledged, false when the
     network is down (a retry is then scheduled with exponential backoff, up to 30 s). */
  function flush() {
    if (inflight) {
      return inflight.then(function () { return pending().length ? flush() : true; });
    }
    clearTimeout(retryTimer);
    retryTimer = null;
    function next(rounds) { // answers changed while a request was out go in the next one
      if (!pending().length || rounds > 5) return Promise.resolve(true);
      return sendQueue().then(function () { return next(rounds + 1); });
    }
    inflight = next(0).then(function () {
      inflight = null;
      backoff = 1000;
      setNet(true);
      showLists();
      return true;
    }, function () {
      inflight = null;
      pending().forEach(function (key) { setState(key, "offline"); });
      if (netEl.hidden) setNet(false, MSG.connectionLost);
      retryTimer = setTimeout(flush, backoff);
      backoff = Math.min(backoff * 2, 30000);
      showLists();
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

  /* The offline warning near the deadline, the answers not delivered in time and those the
     server refused as late: shown on the page (never a browser error page). */
  function showLists() {
    var unsent = pending().filter(function (k) { return k !== "prediction"; });
    var leftMs = deadline - serverNow();
    var text = "";
    if (offline && unsent.length && leftMs <= NEAR_MS && leftMs + graceMs > 0) {
      text = MSG.offlineNear.replace("{n}", unsent.length).replace("{list}", questionList(unsent));
    }
    if (text !== warned) { // changed only: screen readers hear it once, not every tick
      warned = text;
      warningEl.textContent = text;
      warningEl.hidden = !text;
    }
    var lines = [];
    if (unsent.length && leftMs + graceMs <= 0) {
      lines.push(MSG.undelivered.replace("{list}", questionList(unsent)));
    }
    var refusedKeys = Object.keys(late).filter(function (k) { return !queue[k]; });
    if (refusedKeys.length) lines.push(MSG.refusedLate.replace("{list}", questionList(refusedKeys)));
    var joined = lines.join(" ");
    if (undeliveredEl.textContent !== joined) {
      undeliveredEl.textContent = joined;
      undeliveredEl.hidden = !joined;
    }
  }

  function pad(n) { return (n < 10 ? "0" : "") + n; }
  function tick() {
    var left = Math.max(0, Math.ceil((deadline - serverNow()) / 1000));
    var h = Math.floor(left / 3600), m = Math.floor(left % 3600 / 60), s = left % 60;
    timerEl.textContent = (h ? h + ":" + pad(m) : pad(m)) + ":" + pad(s);
    timerEl.classList.toggle("warn", left <= 60);
    [300, 60].forEach(function (mark) {
      if (left <= mark && left > mark - 5 && !announced[mark]) {
        announced[mark] = true;
        announceEl.textContent = MSG["left" + mark];
      }
    });
    showLists();
    if (left <= 0 && !finished && !timeUpAsked) askServerAtZero();
  }

  /* Leave for the result page only on the server's word (a response), never while offline. */
  function goToResult() {
    finished = true;
    try { if (!pending().length) localStorage.removeItem(KEY); } catch (e) { /* ignore */ }
    window.location.assign(resultUrl);
  }

  /* Deliver the queue first (answers refused as late get recorded), then leave. */
  function leaveWhenDelivered() {
    flush().then(function (sent) {
      if (sent) goToResult(); else setTimeout(leaveWhenDelivered, 3000);
    });
  }

  function showSubmitError(text) {
    submitMessageEl.textContent = text;
    submitMessageEl.hidden = !text;
    if (text) submitMessageEl.focus();
  }

  function finishWithSubmit() {
    var box = document.getElementById("prediction");
    var body = box ? { prediction: box.value.trim() === "" ? null : box.value.trim() } : {};
    return request("POST", api + "/submit", body).then(function (res) {
      if (res.ok) {
        finished = true;
        goToResult();
        return true;
      }
      showSubmitError(res.data.message || MSG.submitFailed);
      return false;
    });
  }

  /* Time is up on the server's word: stop answering, deliver the queue, then submit (the
     server judges both on their arrival). Offline: keep the queue, list it, retry. */
  function closeOnServerWord() {
    finished = true;
    form.querySelectorAll("input").forEach(function (input) { input.disabled = true; });
    submitButton.disabled = true;
    showMessage(MSG.timeUp);
    flush().then(function (allSent) {
      if (!allSent) { setTimeout(closeOnServerWord, Math.min(backoff, 5000)); return null; }
      return finishWithSubmit();
    }).then(function (done) {
      if (done === false) pollUntilClosed(); // refused (e.g. the rules need every answer)
    }).catch(function () { setTimeout(closeOnServerWord, 3000); });
  }
  /* The server closes the attempt itself once time is up for everyone; then leave. */
  function pollUntilClosed() {
    request("GET", api + "/status").then(function (res) {
      if (res.ok && res.data.status !== "open") { leaveWhenDelivered(); return; }
      setTimeout(pollUntilClosed, 5000);
    }).catch(function () { setTimeout(pollUntilClosed, 5000); });
  }

  /* The page's count reached zero: ask the server and do what it says. */
  function askServerAtZero() {
    timeUpAsked = true;
    announceEl.textContent = MSG.askingServer;
    checkStatus().then(function (data) {
      timeUpAsked = false;
      if (!data) { // offline: keep counting on the server's last word and ask again
        timeUpAsked = true;
        clearTimeout(statusTimer);
        statusTimer = setTimeout(function () { timeUpAsked = false; }, 3000);
        return;
      }
      if (data.status !== "open" || serverNow() >= deadline) closeOnServerWord();
      // else the server says time is left: the resynced clock counts on
    });
  }

  function openConfirm() {
    var unanswered = [];
    form.querySelectorAll("fieldset[data-position]").forEach(function (fieldset) {
      if (!selectionOf(fieldset).length) unanswered.push(fieldset.dataset.position);
    });
    var text = document.getElementById("submit-confirm-text");
    var list = document.getElementById("submit-confirm-list");
    list.textContent = "";
    text.textContent = unanswered.length ?
      MSG.confirmSome.replace("{n}", unanswered.length).replace("{list}", questionList(unanswered)) :
      MSG.confirmAll;
    unanswered.forEach(function (position) {
      var li = document.createElement("li"), a = document.createElement("a");
      a.href = "#q-" + position;
      a.textContent = MSG.question.replace("{n}", position);
      a.addEventListener("click", closeConfirm);
      li.appendChild(a);
      list.appendChild(li);
    });
    list.hidden = !unanswered.length;
    confirmEl.hidden = false;
    submitButton.hidden = true;
    document.getElementById("confirm-submit").focus(); // the dialog's text is its description
  }
  function closeConfirm() {
    confirmEl.hidden = true;
    submitButton.hidden = false;
  }

  function submitNow() {
    if (finished) return;
    closeConfirm();
    submitButton.disabled = true;
    showSubmitError("");
    var box = document.getElementById("prediction");
    if (box && (!queue.prediction || queue.prediction.value !== box.value.trim())) {
      queue.prediction = { value: box.value.trim() };
      saveQueue();
    }
    flush().then(function (allSent) {
      if (!allSent) {
        showSubmitError(MSG.offlineSubmit);
        return false;
      }
      return finishWithSubmit();
    }).catch(function () {
      showSubmitError(MSG.offlineRetry);
      return false;
    }).then(function (done) { if (!done) submitButton.disabled = false; });
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    if (!finished) openConfirm();
  });
  document.getElementById("confirm-submit").addEventListener("click", submitNow);
  document.getElementById("cancel-submit").addEventListener("click", function () {
    closeConfirm();
    submitButton.focus();
  });

  /* Status from the server (resyncs the clock): resolves its data, or null when offline. */
  function checkStatus() {
    return request("GET", api + "/status").then(function (res) {
      if (!res.ok) return null;
      if (res.data.status !== "open" && !finished) {
        finished = true;
        leaveWhenDelivered();
      }
      return res.data;
    }).catch(function () { return null; });
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
    offline = true;
    setNet(false, MSG.connectionLost);
    showLists();
  });
  setInterval(function () { if (pending().length) flush(); }, 10000);

  restoreQueue();
  checkStatus().then(flush);
  tick();
  setInterval(tick, 250);
  root.classList.add("js");
}());
