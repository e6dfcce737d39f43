namespace Sori.Web.Features.Docs;

/// <summary>A self-contained API reference that renders /openapi/v1.json in the browser (no external assets).</summary>
internal static class ReferencePage
{
    public const string Html = """
        <!doctype html>
        <html lang="ko">
        <head>
        <meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
        <title>Sori API 레퍼런스 · API reference</title>
        <style>
          body { font: 15px/1.5 system-ui, "Apple SD Gothic Neo", "Noto Sans KR", sans-serif; margin: 0; color: #1d2330; background: #f7f8fa; }
          header { background: #1d2330; color: #fff; padding: 1rem 2rem; }
          main { max-width: 70rem; margin: 0 auto; padding: 1rem 2rem 4rem; }
          h2 { margin-top: 2rem; border-bottom: 1px solid #d5d9e0; }
          details { background: #fff; border: 1px solid #d5d9e0; border-radius: 6px; margin: .5rem 0; }
          summary { padding: .5rem .75rem; cursor: pointer; font-family: ui-monospace, monospace; }
          .m { display: inline-block; min-width: 4.5rem; font-weight: 700; }
          .GET { color: #0a6b3d; } .POST { color: #1450a3; } .PATCH { color: #8a5a00; } .DELETE { color: #a3141c; }
          .body { padding: 0 1rem 1rem; } pre { background: #f0f2f5; padding: .75rem; overflow: auto; border-radius: 4px; }
          table { border-collapse: collapse; } td, th { text-align: left; padding: .2rem .6rem; border-bottom: 1px solid #eee; }
          a { color: #1450a3; }
        </style>
        </head>
        <body>
        <header><h1>Sori API v1</h1><p>OpenAPI: <a style="color:#9cc3ff" href="/openapi/v1.json">/openapi/v1.json</a></p></header>
        <main id="root"><p>불러오는 중… Loading…</p></main>
        <script>
        const esc = s => String(s ?? '').replace(/[&<>"']/g, c => ({'&':'&amp;','<':'&lt;','>':'&gt;','"':'&quot;',"'":'&#39;'}[c]));
        const ref = (doc, s) => s && s.$ref ? doc.components.schemas[s.$ref.split('/').pop()] : s;
        function schemaText(doc, s, depth = 0) {
          s = ref(doc, s); if (!s || depth > 3) return 'object';
          if (s.properties) return '{\n' + Object.entries(s.properties).map(([k, v]) => '  '.repeat(depth + 1) + k + ': ' + schemaText(doc, v, depth + 1)).join(',\n') + '\n' + '  '.repeat(depth) + '}';
          if (s.items) return '[' + schemaText(doc, s.items, depth) + ']';
          const t = Array.isArray(s.type) ? s.type.join('|') : (s.type || (s.oneOf ? s.oneOf.map(o => schemaText(doc, o, depth)).join('|') : 'any'));
          return t + (s.format ? ' (' + s.format + ')' : '');
        }
        fetch('/openapi/v1.json').then(r => r.json()).then(doc => {
          const groups = {};
          for (const [path, ops] of Object.entries(doc.paths || {}))
            for (const [method, op] of Object.entries(ops)) {
              if (!op || typeof op !== 'object' || !op.responses) continue;
              (groups[(op.tags || ['Other'])[0]] ??= []).push({ path, method: method.toUpperCase(), op });
            }
          let html = '<p>' + esc(doc.info.description) + '</p>';
          for (const [tag, list] of Object.entries(groups)) {
            html += '<h2>' + esc(tag) + '</h2>';
            for (const { path, method, op } of list) {
              const params = (op.parameters || []).map(p => '<tr><td>' + esc(p.name) + '</td><td>' + esc(p.in) + '</td><td>' + esc(schemaText(doc, p.schema)) + '</td></tr>').join('');
              const body = op.requestBody?.content?.['application/json']?.schema;
              const responses = Object.entries(op.responses).map(([code, r]) => {
                const s = r.content?.['application/json']?.schema;
                return '<li>' + esc(code) + ' ' + esc(r.description) + (s ? '<pre>' + esc(schemaText(doc, s)) + '</pre>' : '') + '</li>';
              }).join('');
              html += '<details><summary><span class="m ' + method + '">' + method + '</span>' + esc(path) + '</summary><div class="body">'
                + (params ? '<h4>Parameters</h4><table><tr><th>name</th><th>in</th><th>type</th></tr>' + params + '</table>' : '')
                + (body ? '<h4>Request body</h4><pre>' + esc(schemaText(doc, body)) + '</pre>' : '')
                + '<h4>Responses</h4><ul>' + responses + '</ul></div></details>';
            }
          }
          document.getElementById('root').innerHTML = html;
        }).catch(e => { document.getElementById('root').textContent = 'OpenAPI 문서를 불러오지 못했습니다 / could not load the OpenAPI document: ' + e; });
        </script>
        </body>
        </html>
        """;
}
