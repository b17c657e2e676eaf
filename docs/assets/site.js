/* Tables people can work with, and small accessibility fixes of the theme.
   - Every table sorts by a column when its header button is pressed (mouse or keyboard);
     numbers written the Vietnamese way (1.234,5 · 85,2% · 12 người) sort as numbers; no value comes last.
   - Filters: <div class="table-filter" data-columns="0,4"> before a table builds one drop-down per
     listed column; a table longer than LONG rows also gets a text box that ignores tone marks.
   - A table wider than the screen scrolls sideways in a region that the keyboard can reach. */
(function () {
  "use strict";
  var LONG = 15;
  // Vietnamese alphabetical order (a ă â b c d đ e ê …, tone marks only break ties, case ignored), with
  // numbers inside text in their numeric order ("CT2" before "CT10"): the browser's ICU collation for "vi".
  var COLLATOR = new Intl.Collator("vi", { numeric: true });

  function fold(s) {
    return String(s).normalize("NFD").replace(/[\u0300-\u036f]/g, "")
      .replace(/\u0111/g, "d").replace(/\u0110/g, "D").toLowerCase();
  }

  // "1.234,5", "85,2%", "-3 người", "12 (2019)" → number; anything else → null.
  function number(text) {
    var m = /^([-\u2212]?)(\d{1,3}(?:\.\d{3})+|\d+)(?:,(\d+))?(?=$|[\s%])/.exec(text.trim());
    if (!m) return null;
    var x = parseFloat(m[2].replace(/\./g, "") + (m[3] ? "." + m[3] : ""));
    return m[1] ? -x : x;
  }

  function cellText(row, col) {
    var td = row.children[col];
    return td ? td.textContent.trim() : "";
  }

  function nextTable(el) {
    var n = el.nextElementSibling;
    while (n) {
      var t = n.tagName === "TABLE" ? n : n.querySelector && n.querySelector("table");
      if (t) return t;
      n = n.nextElementSibling;
    }
    return null;
  }

  function makeSortable(table) {
    var heads = table.querySelectorAll("thead th");
    var body = table.tBodies[0];
    if (!body || body.rows.length < 2) return;
    Array.prototype.forEach.call(heads, function (th, col) {
      if (!th.textContent.trim()) return;
      var name = th.textContent.trim();
      var button = document.createElement("button");
      button.type = "button";
      button.className = "sort";
      while (th.firstChild) button.appendChild(th.firstChild);
      // The name read aloud starts with the column's visible name (WCAG 2.5.3 "label in name").
      button.setAttribute("aria-label", name + " – sắp xếp");
      th.appendChild(button);
      button.addEventListener("click", function () { sortBy(table, col, th); });
    });
  }

  function sortBy(table, col, th) {
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    var ascending = th.getAttribute("aria-sort") !== "ascending";
    var texts = rows.map(function (r) { return cellText(r, col); });
    var numbers = texts.map(number);
    // a column of numbers, where a cell without any digit ("–", "Chưa có số liệu") means no value
    var numeric = texts.every(function (t, i) { return numbers[i] !== null || !/\d/.test(t); }) &&
      numbers.some(function (x) { return x !== null; });
    var keyed = rows.map(function (r, i) {
      return { row: r, i: i, num: numbers[i], text: texts[i], empty: numeric ? numbers[i] === null : texts[i] === "" };
    });
    keyed.sort(function (a, b) {
      if (a.empty !== b.empty) return a.empty ? 1 : -1;  // no value: always last
      var d = 0;
      if (!a.empty) d = numeric ? a.num - b.num : COLLATOR.compare(a.text, b.text);
      if (!ascending) d = -d;
      return d || a.i - b.i;
    });
    keyed.forEach(function (k) { body.appendChild(k.row); });
    table.querySelectorAll("thead th").forEach(function (h) { h.removeAttribute("aria-sort"); });
    th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
  }

  // A labelled drop-down of `values` ("Tất cả" first, Vietnamese order) added to a filter box.
  function filterSelect(box, name, values, onChange) {
    var label = document.createElement("label");
    label.appendChild(document.createTextNode(name));
    var select = document.createElement("select");
    var all = document.createElement("option");
    all.value = ""; all.textContent = "Tất cả";
    select.appendChild(all);
    Object.keys(values).sort(COLLATOR.compare).forEach(function (v) {
      var o = document.createElement("option"); o.value = v; o.textContent = v; select.appendChild(o);
    });
    select.addEventListener("change", onChange);
    label.appendChild(select);
    box.appendChild(label);
    return select;
  }

  function setupFilters(table, box) {
    var heads = table.querySelectorAll("thead th");
    var rows = Array.prototype.slice.call(table.tBodies[0].rows);
    var selects = [];
    var query = { value: "" };
    var count = document.createElement("span");
    count.className = "table-filter__count";
    count.setAttribute("aria-live", "polite");

    function apply() {
      var needle = fold(query.value.trim());
      var shown = 0;
      rows.forEach(function (r) {
        var ok = selects.every(function (s) {
          return !s.el.value || cellText(r, s.col) === s.el.value;
        }) && (!needle || fold(r.textContent).indexOf(needle) !== -1);
        r.hidden = !ok;
        shown += ok ? 1 : 0;
      });
      count.textContent = "Hiển thị " + shown + "/" + rows.length + " dòng";
    }

    (box.dataset.columns || "").split(",").forEach(function (c) {
      var col = parseInt(c, 10);
      if (isNaN(col) || !heads[col]) return;
      var values = {};
      rows.forEach(function (r) { var t = cellText(r, col); if (t) values[t] = 1; });
      selects.push({ col: col, el: filterSelect(box, heads[col].textContent.trim(), values, apply) });
    });

    if (rows.length > LONG) {
      var label = document.createElement("label");
      label.appendChild(document.createTextNode("Lọc theo nội dung"));
      var input = document.createElement("input");
      input.type = "search";
      input.className = "table-filter__text";
      input.placeholder = "Gõ có dấu hoặc không dấu";
      input.addEventListener("input", function () { query.value = input.value; apply(); });
      label.appendChild(input);
      box.appendChild(label);
    }
    if (box.children.length) {
      box.appendChild(count);
      apply();
    }
  }

  function scrollRegion(table) {
    var wrap = table.closest(".md-typeset__scrollwrap") || table.parentElement;
    if (!wrap || wrap.hasAttribute("tabindex")) return;
    var names = Array.prototype.map.call(table.querySelectorAll("thead th"), function (th) {
      return th.textContent.trim();
    }).filter(Boolean);
    var heading = "", n = wrap;
    while (n && !heading) {
      n = n.previousElementSibling;
      if (n && /^H[1-6]$/.test(n.tagName)) heading = n.textContent.trim();
    }
    wrap.setAttribute("tabindex", "0");
    wrap.setAttribute("role", "region");
    wrap.setAttribute("aria-label", "Bảng" + (heading ? " " + heading : "") +
      (names.length ? ": " + names.slice(0, 3).join(", ") + (names.length > 3 ? "…" : "") : ""));
  }

  // "Cách trích dẫn" (Về dữ liệu): a site built without `site_url` does not know its address; once the page
  // comes from a web server, the address of its home page is written in, as a link.
  function siteAddress() {
    if (!/^https?:$/.test(location.protocol)) return;
    var config = document.getElementById("__config");
    var base = config ? JSON.parse(config.textContent).base : ".";
    document.querySelectorAll(".site-address").forEach(function (el) {
      var link = document.createElement("a");
      link.href = new URL(base + "/", location.href).href;
      link.textContent = link.href;
      el.replaceWith(link);
    });
  }

  // Landmarks of one kind need names that tell them apart (axe "landmark-unique"): the theme names each
  // nested list of a table of contents after its heading, and a page may repeat a heading (the print view
  // repeats "Tóm tắt kết quả" for every topic); tables' scrolling regions are named after their heading too.
  function uniqueNames(scope, selector) {
    var seen = {};
    scope.querySelectorAll(selector).forEach(function (el) {
      var name = el.getAttribute("aria-label");
      seen[name] = (seen[name] || 0) + 1;
      if (seen[name] > 1) el.setAttribute("aria-label", name + " (" + seen[name] + ")");
    });
  }

  // Cards filtered like tables: <div class="card-filter" data-attrs="status:Tình trạng,field:Lĩnh vực"> before a
  // <div class="topic-cards"> builds one drop-down per attribute of its cards (data-status, data-field…). Without
  // script, and on paper, every card shows.
  function cardFilter(box) {
    var grid = box.nextElementSibling;
    while (grid && !grid.classList.contains("topic-cards")) grid = grid.nextElementSibling;
    if (!grid || box.dataset.ready) return;
    box.dataset.ready = "1";
    var cards = Array.prototype.slice.call(grid.querySelectorAll(".topic-card"));
    var selects = [];
    var count = document.createElement("span");
    count.className = "table-filter__count";
    count.setAttribute("aria-live", "polite");
    function apply() {
      var shown = 0;
      cards.forEach(function (c) {
        var ok = selects.every(function (s) { return !s.el.value || c.dataset[s.key] === s.el.value; });
        c.hidden = !ok;
        shown += ok ? 1 : 0;
      });
      count.textContent = "Hiển thị " + shown + "/" + cards.length + " đề tài";
    }
    (box.dataset.attrs || "").split(",").forEach(function (pair) {
      var parts = pair.split(":"), key = parts[0], name = parts[1] || key;
      var values = {};
      cards.forEach(function (c) { if (c.dataset[key]) values[c.dataset[key]] = 1; });
      if (Object.keys(values).length < 2) return;
      selects.push({ key: key, el: filterSelect(box, name, values, apply) });
    });
    if (selects.length) { box.appendChild(count); apply(); }
  }

  function init() {
    document.querySelectorAll(".card-filter").forEach(cardFilter);
    siteAddress();
    // The theme's search dialog has no accessible name.
    document.querySelectorAll('.md-search[role="dialog"]:not([aria-label])').forEach(function (d) {
      d.setAttribute("aria-label", "Tìm kiếm");
    });
    document.querySelectorAll(".table-filter").forEach(function (box) {
      var t = nextTable(box);
      if (t && !t.filterBox) t.filterBox = box;
    });
    document.querySelectorAll(".md-typeset table").forEach(function (table) {
      if (table.dataset.ready || !table.tHead || !table.tBodies[0]) return;
      table.dataset.ready = "1";
      var box = table.filterBox;
      if (!box && table.tBodies[0].rows.length > LONG) {
        box = document.createElement("div");
        box.className = "table-filter";
        var anchor = table.closest(".md-typeset__scrollwrap") || table;
        anchor.parentNode.insertBefore(box, anchor);
      }
      if (box) setupFilters(table, box);
      makeSortable(table);
      scrollRegion(table);
    });
    document.querySelectorAll(".md-nav--secondary").forEach(function (toc) { uniqueNames(toc, "nav[aria-label]"); });
    document.querySelectorAll(".md-content").forEach(function (c) { uniqueNames(c, '[role="region"][aria-label]'); });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init); else init();
})();
