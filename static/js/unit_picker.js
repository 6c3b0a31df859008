/*
 * unit_picker.js: turn a plain unit <select> into a searchable picker, progressively.
 *
 * Markup contract (the page works without this script; the script only adds a search box):
 *
 *   <label for="unit_id">Đơn vị</label>
 *   <select id="unit_id" name="unit_id" data-unit-picker>
 *     <option value="">— Chọn đơn vị —</option>          (optional; always kept)
 *     <option value="12">UBND tỉnh › Sở Nội vụ</option>  (every unit, label = path)
 *     ...
 *   </select>
 *   <script src="/static/js/unit_picker.js" defer></script>
 *
 * Optional attributes on the <select>:
 *   data-unit-source="/don-vi/tim"  Ask that JSON endpoint ([{id, code, name, path}], at most 20)
 *                                   as the user types, instead of filtering the options already
 *                                   in the page. Use it when the full list is too long to send;
 *                                   the <select> should then hold at least the selected option.
 *   data-placeholder="..."          Placeholder of the search box.
 *
 * Texts: the page's language comes from a JSON block anywhere in the page,
 *   <script type="application/json" data-unit-picker-messages>{"placeholder": ..., ...}</script>
 * written by the unit_picker_messages() macro (templates/macros/forms.html; field() adds it after
 * a unit picker). Without it the Vietnamese texts below are used.
 *
 * The script inserts an <input type="search"> just before the <select>, labelled by the select's
 * own label, and shows only the options whose text holds every typed word, ignoring case and
 * Vietnamese accents ("so noi vu" finds "Sở Nội vụ"). The selected option and the empty option
 * always stay. With exactly one match it is selected. A polite live region reports the count.
 * Styles: .unit-picker-search, .unit-picker-status (static/css/app.css).
 */
(function () {
  "use strict";

  var FALLBACK = {
    placeholder: "Gõ tên hoặc mã đơn vị để tìm…",
    searchLabel: "Tìm {label}",
    searchUnits: "Tìm đơn vị",
    foundOne: "Tìm thấy {n} đơn vị.",
    foundMany: "Tìm thấy {n} đơn vị.",
    none: "Không tìm thấy đơn vị nào.",
    failed: "Không tải được danh sách đơn vị."
  };

  function messages() {
    var block = document.querySelector("script[data-unit-picker-messages]");
    var given = {};
    if (block) {
      try { given = JSON.parse(block.textContent) || {}; } catch (error) { given = {}; }
    }
    var result = {};
    Object.keys(FALLBACK).forEach(function (key) {
      result[key] = typeof given[key] === "string" && given[key] ? given[key] : FALLBACK[key];
    });
    return result;
  }

  function fold(text) {
    return (text || "")
      .normalize("NFD")
      .replace(/[\u0300-\u036f]/g, "")
      .replace(/[đĐ]/g, "d")
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, " ")
      .trim();
  }

  function matches(folded, words) {
    return words.every(function (word) { return folded.indexOf(word) !== -1; });
  }

  function optionData(option) {
    return { value: option.value, text: option.text, folded: fold(option.text) };
  }

  function render(select, items) {
    var keep = select.value;
    var fragment = document.createDocumentFragment();
    items.forEach(function (item) {
      var option = new Option(item.text, item.value, false, item.value === keep);
      fragment.appendChild(option);
    });
    select.replaceChildren(fragment);
    if (keep !== undefined) select.value = keep;
  }

  function setup(select, msgs) {
    if (select.dataset.unitPickerReady) return;
    select.dataset.unitPickerReady = "1";
    var all = Array.prototype.map.call(select.options, optionData);
    var empty = all.filter(function (item) { return item.value === ""; });
    var source = select.dataset.unitSource;

    var search = document.createElement("input");
    search.type = "search";
    search.className = "unit-picker-search";
    search.autocomplete = "off";
    search.placeholder = select.dataset.placeholder || msgs.placeholder;
    search.id = (select.id || select.name) + "-search";
    search.setAttribute("aria-controls", select.id || "");
    var label = select.id && document.querySelector('label[for="' + select.id + '"]');
    search.setAttribute("aria-label", label
      ? msgs.searchLabel.replace("{label}", label.textContent.trim())
      : msgs.searchUnits);

    var status = document.createElement("p");
    status.className = "unit-picker-status hint";
    status.setAttribute("aria-live", "polite");

    select.parentNode.insertBefore(search, select);
    select.parentNode.insertBefore(status, select.nextSibling);

    function show(found, total) {
      var selected = all.filter(function (item) {
        return item.value === select.value && item.value !== "";
      });
      var seen = {};
      var items = empty.concat(selected, found).filter(function (item) {
        if (seen[item.value]) return false;
        seen[item.value] = true;
        return true;
      });
      render(select, items);
      if (found.length === 1 && search.value.trim()) {
        select.value = found[0].value;
        select.dispatchEvent(new Event("change", { bubbles: true }));
      }
      var more = total > found.length;
      var count = found.length + (more ? "+" : "");
      var text = found.length === 1 && !more ? msgs.foundOne : msgs.foundMany;
      status.textContent = search.value.trim()
        ? (found.length ? text.replace("{n}", count) : msgs.none)
        : "";
    }

    function filterLocal() {
      var words = fold(search.value).split(" ").filter(Boolean);
      var found = all.filter(function (item) {
        return item.value !== "" && matches(item.folded, words);
      });
      show(found, found.length);
    }

    var timer = null;
    var latest = 0;
    function filterRemote() {
      clearTimeout(timer);
      timer = setTimeout(function () {
        var ticket = ++latest;
        var url = source + (source.indexOf("?") === -1 ? "?" : "&") +
          "q=" + encodeURIComponent(search.value.trim());
        fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" })
          .then(function (response) { return response.ok ? response.json() : []; })
          .then(function (rows) {
            if (ticket !== latest) return; // an older answer arriving late
            var found = rows.map(function (row) {
              var item = { value: String(row.id), text: row.code + " · " + row.path };
              item.folded = fold(item.text);
              return item;
            });
            found.forEach(function (item) {
              if (!all.some(function (known) { return known.value === item.value; })) {
                all.push(item);
              }
            });
            show(found, rows.length >= 20 ? rows.length + 1 : rows.length);
          })
          .catch(function () { status.textContent = msgs.failed; });
      }, 200);
    }

    search.addEventListener("input", source ? filterRemote : filterLocal);
    search.addEventListener("keydown", function (event) {
      if (event.key === "Enter") { // choose, do not submit the form by accident
        event.preventDefault();
        select.focus();
      }
    });
  }

  function init() {
    var msgs = messages();
    document.querySelectorAll("select[data-unit-picker]").forEach(function (select) {
      setup(select, msgs);
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
