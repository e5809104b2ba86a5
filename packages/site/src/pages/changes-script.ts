/**
 * `assets/changes.js`: filters the rows of the changes page by level (checkboxes) and by a part of
 * the path (case-insensitive), hides release sections left empty, and keeps the filter in the URL
 * fragment (`#level=breaking&path=/nodes`) so a filtered view can be linked. Plain JavaScript:
 * the page needs no framework.
 */
export const CHANGES_SCRIPT = `(function () {
  'use strict';
  var form = document.getElementById('filters');
  var rows = Array.prototype.slice.call(document.querySelectorAll('tr[data-level]'));
  var sections = Array.prototype.slice.call(document.querySelectorAll('section.release'));
  function state() {
    var levels = Array.prototype.slice.call(form.querySelectorAll('input[name=level]:checked')).map(function (i) { return i.value; });
    return { levels: levels, path: form.elements.path.value.trim().toLowerCase() };
  }
  function apply() {
    var s = state();
    var shown = 0;
    rows.forEach(function (row) {
      var visible = s.levels.indexOf(row.getAttribute('data-level')) !== -1 &&
        (s.path === '' || row.getAttribute('data-path').toLowerCase().indexOf(s.path) !== -1);
      row.hidden = !visible;
      if (visible) shown++;
    });
    sections.forEach(function (section) {
      var all = section.querySelectorAll('tr[data-level]').length;
      var visible = section.querySelectorAll('tr[data-level]:not([hidden])').length;
      section.hidden = all > 0 && visible === 0;
      var note = section.querySelector('.shown');
      note.hidden = visible === all;
      note.textContent = visible + ' of ' + all + ' changes shown';
    });
    form.elements.count.value = shown + ' of ' + rows.length + ' changes';
    var hash = 'level=' + s.levels.join(',') + (s.path ? '&path=' + encodeURIComponent(s.path) : '');
    if (location.hash.slice(1) !== hash) history.replaceState(null, '', '#' + hash);
  }
  function load() {
    var params = new URLSearchParams(location.hash.slice(1));
    if (params.has('level')) {
      var levels = params.get('level').split(',');
      form.querySelectorAll('input[name=level]').forEach(function (i) { i.checked = levels.indexOf(i.value) !== -1; });
    }
    if (params.has('path')) form.elements.path.value = params.get('path');
  }
  form.addEventListener('input', apply);
  form.addEventListener('submit', function (event) { event.preventDefault(); });
  load();
  apply();
})();
`;
