/* Vietnamese search without tone marks, appended by scripts/search.py to the
 * theme's lunr.vi.min.js, which the search worker loads before it builds the
 * index (also from file://, through the iframe-worker shim).
 *  - Index: every token is folded (NFD, combining marks dropped, đ → d), so
 *    "Tỉnh ủy" is indexed as "tinh" and "uy". Positions are unchanged, so the
 *    highlight still marks the accented words on the page and in results.
 *  - Query: the theme appends "*" to each term, and lunr skips the search
 *    pipeline for wildcard terms, so the query lexemes are folded instead,
 *    after lexing (their start/end offsets still point into the typed text).
 *    Composed and decomposed input fold to the same term.
 * If the lunr internals it relies on are missing, it changes nothing.
 */
(function (lunr) {
  "use strict";
  if (!lunr || !lunr.vi || !lunr.QueryLexer || lunr.vi.folded) return;
  function fold(s) {
    return String(s).normalize("NFD").replace(/[\u0300-\u036f]/g, "")
      .replace(/\u0111/g, "d").replace(/\u0110/g, "D");
  }
  function foldVi(token) { return token.update(function (s) { return fold(s); }); }
  lunr.Pipeline.registerFunction(foldVi, "foldVi");

  var vi = lunr.vi;
  lunr.vi = function () {
    vi.call(this);
    this.pipeline.add(foldVi);
  };
  for (var k in vi) if (Object.prototype.hasOwnProperty.call(vi, k)) lunr.vi[k] = vi[k];
  lunr.vi.folded = true;

  var run = lunr.QueryLexer.prototype.run;
  lunr.QueryLexer.prototype.run = function () {
    var result = run.apply(this, arguments);
    for (var i = 0; i < this.lexemes.length; i++) this.lexemes[i].str = fold(this.lexemes[i].str);
    return result;
  };
})(self.lunr);
