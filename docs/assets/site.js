/* Filters for long tables: <div class="table-filter" data-columns="0,4"> before a table
   builds one drop-down per listed column, with that column's distinct values. */
(function () {
  "use strict";
  function nextTable(el) {
    var n = el.nextElementSibling;
    while (n) {
      var t = n.tagName === "TABLE" ? n : n.querySelector && n.querySelector("table");
      if (t) return t;
      n = n.nextElementSibling;
    }
    return null;
  }
  function setup(box) {
    var table = nextTable(box);
    if (!table || box.dataset.ready) return;
    box.dataset.ready = "1";
    var heads = table.querySelectorAll("thead th");
    var rows = Array.prototype.slice.call(table.querySelectorAll("tbody tr"));
    var selects = [];
    box.dataset.columns.split(",").forEach(function (c) {
      var col = parseInt(c, 10);
      if (!heads[col]) return;
      var values = {};
      rows.forEach(function (r) { var td = r.children[col]; if (td) values[td.textContent.trim()] = 1; });
      var label = document.createElement("label");
      label.textContent = heads[col].textContent.trim();
      var select = document.createElement("select");
      var all = document.createElement("option");
      all.value = ""; all.textContent = "Tất cả";
      select.appendChild(all);
      Object.keys(values).sort(function (a, b) { return a.localeCompare(b, "vi"); }).forEach(function (v) {
        var o = document.createElement("option"); o.value = v; o.textContent = v; select.appendChild(o);
      });
      select.addEventListener("change", apply);
      label.appendChild(select);
      box.appendChild(label);
      selects.push({ col: col, el: select });
    });
    function apply() {
      rows.forEach(function (r) {
        var ok = selects.every(function (s) {
          var td = r.children[s.col];
          return !s.el.value || (td && td.textContent.trim() === s.el.value);
        });
        r.hidden = !ok;
      });
    }
  }
  function init() { document.querySelectorAll(".table-filter").forEach(setup); }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init); else init();
})();
