/// The app's stylesheet and script, served from the binary (no fetches elsewhere at run time).
enum Assets {
    static let css = """
        :root { --fg: #1f2328; --muted: #57606a; --line: #d0d7de; --accent: #1f6feb; --bg: #ffffff; --soft: #f6f8fa; }
        * { box-sizing: border-box; }
        html { scrollbar-gutter: stable; }
        body { margin: 0; font: 16px/1.6 system-ui, -apple-system, "Segoe UI", "Noto Sans CJK SC", "PingFang SC", sans-serif; color: var(--fg); background: var(--bg); }
        header { display: flex; gap: 1.5rem; align-items: center; padding: .6rem 1.5rem; border-bottom: 1px solid var(--line); background: var(--soft); }
        header .brand { font-weight: 700; color: var(--fg); text-decoration: none; }
        nav { display: flex; gap: 1rem; }
        nav a { color: var(--muted); text-decoration: none; padding: .2rem .1rem; }
        nav a[aria-current="page"] { color: var(--fg); border-bottom: 2px solid var(--accent); }
        header .lang { margin-left: auto; color: var(--muted); text-decoration: none; font-size: .9rem; }
        main { max-width: 60rem; margin: 0 auto; padding: 1rem 1.5rem 4rem; }
        a { color: var(--accent); }
        .muted, small { color: var(--muted); }
        .crumbs { color: var(--muted); font-size: .9rem; }
        .notice { background: #fff8c5; border: 1px solid #d4a72c66; padding: .5rem .8rem; border-radius: 6px; }
        input, button { font: inherit; }
        input[type="search"], .demo input[name="args"], #typed-answer { width: 100%; padding: .5rem .7rem; border: 1px solid var(--line); border-radius: 6px; }
        button, .button { padding: .35rem .9rem; border: 1px solid var(--line); border-radius: 6px; background: var(--soft); color: var(--fg); cursor: pointer; text-decoration: none; display: inline-block; }
        .figures { display: flex; gap: 1rem; flex-wrap: wrap; margin: 1rem 0; }
        .figure { border: 1px solid var(--line); border-radius: 8px; padding: .5rem 1rem; min-width: 7rem; }
        .figure span { display: block; font-size: 1.8rem; font-weight: 600; }
        ol.hits { list-style: none; padding: 0; }
        ol.hits li { margin: .4rem 0; }
        a.hit { display: block; padding: .4rem .6rem; border-radius: 6px; text-decoration: none; color: var(--fg); }
        a.hit:hover, a.hit:focus { background: var(--soft); }
        a.hit .snippet { display: block; color: var(--muted); font-size: .9rem; }
        mark { background: #fff8c5; color: inherit; font-weight: 600; }
        article.note table { border-collapse: collapse; margin: 1rem 0; }
        article.note th, article.note td { border: 1px solid var(--line); padding: .3rem .6rem; text-align: left; }
        pre { background: var(--soft); padding: .7rem; border-radius: 6px; overflow-x: auto; font-size: .85rem; line-height: 1.4; }
        code { font-family: ui-monospace, Menlo, Consolas, monospace; font-size: .9em; }
        .neighbours { display: flex; flex-wrap: wrap; gap: 0 2rem; border-top: 1px solid var(--line); margin-top: 2rem; }
        .neighbours h3 { font-size: .95rem; margin-bottom: .2rem; }
        #cards details { border-bottom: 1px solid var(--line); padding: .3rem 0; }
        #cards summary { cursor: pointer; }
        #cards summary p { display: inline; }
        form.demo { border: 1px solid var(--line); border-radius: 8px; padding: .7rem; margin: 1rem 0; }
        form.demo label { display: block; margin-bottom: .4rem; }
        .demo-output img { max-width: 100%; display: block; margin: .6rem 0; border: 1px solid var(--line); border-radius: 6px; }
        .demo-text.error { background: #ffebe9; }
        .tag { font-size: .75rem; border: 1px solid var(--line); border-radius: 4px; padding: 0 .3rem; color: var(--muted); }
        ul.demos li { margin: .3rem 0; }
        #graph { overflow: auto; max-height: 85vh; border: 1px solid var(--line); border-radius: 8px; }
        #graph svg { display: block; }
        .demo-details summary { cursor: pointer; color: var(--muted); }
        #graph a:hover polygon, #graph a:hover path { stroke: var(--accent); }
        .graph-filter { display: flex; gap: 1rem; align-items: center; flex-wrap: wrap; }
        .graph-filter input[name="topic"] { width: 12rem; }
        .graph-filter input[name="depth"] { width: 4rem; }
        .card { border: 1px solid var(--line); border-radius: 10px; padding: 1rem 1.4rem; margin: 1rem 0; font-size: 1.1rem; }
        #answer { border-top: 1px dashed var(--line); margin-top: 1rem; padding-top: .5rem; }
        #ratings { display: flex; gap: .5rem; margin-top: 1rem; flex-wrap: wrap; }
        #verdict.right { color: #1a7f37; font-weight: 600; }
        #verdict.wrong { color: #cf222e; font-weight: 600; }
        .keys { color: var(--muted); font-size: .9rem; }
        kbd { border: 1px solid var(--line); border-bottom-width: 2px; border-radius: 4px; padding: 0 .3rem; font-size: .85em; }
        svg.chart { width: 100%; height: auto; max-width: 48rem; }
        meter { width: 8rem; }
        """

    static let javascript = """
        "use strict";
        (function () {
          const token = document.querySelector('meta[name="netprep-token"]').content;
          const lang = document.documentElement.lang.startsWith("zh") ? "zh" : "en";

          function post(url, body) {
            return fetch(url, {
              method: "POST",
              headers: { "Content-Type": "application/json", "X-Netprep-Token": token },
              body: JSON.stringify(body || {})
            }).then(async (response) => {
              if (!response.ok) throw new Error((await response.text()).trim());
              return response.json();
            });
          }

          // Search as you type: the server sends the list of hits, already escaped.
          const search = document.getElementById("search");
          const results = document.getElementById("results");
          if (search && results) {
            let timer = null, sent = 0;
            const run = () => {
              const query = search.value.trim();
              const mine = ++sent;
              if (!query) { results.innerHTML = ""; return; }
              fetch("/search?lang=" + lang + "&q=" + encodeURIComponent(query), { headers: { Accept: "text/html-fragment" } })
                .then((response) => response.text())
                .then((html) => { if (mine === sent) results.innerHTML = html; });
            };
            search.addEventListener("input", () => { clearTimeout(timer); timer = setTimeout(run, 80); });
            search.form.addEventListener("submit", (event) => { event.preventDefault(); run(); });
          }

          // Demo runners: the output replaces the form's output block.
          for (const form of document.querySelectorAll("form.demo")) {
            form.addEventListener("submit", (event) => {
              event.preventDefault();
              const output = form.querySelector(".demo-output");
              const args = form.elements.args.value;
              output.setAttribute("aria-busy", "true");
              fetch("/demo/" + encodeURIComponent(form.dataset.demo) + "/run?args=" + encodeURIComponent(args))
                .then((response) => response.text())
                .then((html) => { output.innerHTML = html; output.removeAttribute("aria-busy"); });
            });
          }

          const quiz = document.getElementById("quiz");
          if (quiz) startQuiz(quiz);

          function startQuiz(root) {
            const $ = (id) => document.getElementById(id);
            let state = null, phase = "question", pending = null, busy = false;
            const body = { lang: root.dataset.lang || lang };
            if (root.dataset.limit) body.limit = parseInt(root.dataset.limit, 10);
            if (root.dataset.topic) body.topic = root.dataset.topic;

            function say(text) { $("message").textContent = text; $("message").hidden = !text; }

            function show(next) {
              state = next; pending = null; phase = "question";
              const card = state.card;
              $("card").hidden = !card;
              $("done").hidden = !!card;
              if (!card) { $("progress").textContent = state.answered + " answered"; return; }
              const p = card.progress;
              $("progress").textContent = p.position + " / " + p.total + "  ·  due " + p.due + " · new " + p.new + " · learning " + p.learning;
              $("path").textContent = card.path.join(" › ");
              $("prompt").innerHTML = card.prompt;
              $("answer").innerHTML = card.answer;
              $("answer").hidden = true;
              $("ratings").hidden = true;
              $("verdict").hidden = true;
              $("typed").hidden = !card.typed;
              const buttons = $("ratings").querySelectorAll("button");
              buttons.forEach((button, index) => { button.querySelector("small").textContent = card.intervals[index]; });
              const demo = $("demo");
              demo.hidden = !card.demo;
              demo.innerHTML = "";
              if (card.demo) {
                const link = document.createElement("a");
                link.href = card.demo; link.target = "_blank"; link.textContent = "▶ demo (d)";
                demo.appendChild(link);
              }
              $("demo-output").hidden = true;
              $("demo-output").innerHTML = "";
              if (card.typed) { $("typed-answer").value = ""; $("typed-answer").focus(); }
            }

            function reveal() {
              if (!state || !state.card || state.card.typed) return;
              $("answer").hidden = false; $("ratings").hidden = false; phase = "answer";
            }

            function send(url, data) {
              if (busy) return Promise.resolve(null);
              busy = true; say("");
              return post(url, data).then((next) => { busy = false; return next; },
                                          (error) => { busy = false; say(error.message); return null; });
            }

            function rate(rating) {
              if (phase !== "answer") return;
              send("/api/quiz/" + state.session + "/answer", { rating }).then((next) => { if (next) show(next); });
            }

            $("typed").addEventListener("submit", (event) => {
              event.preventDefault();
              if (phase !== "question") return;
              send("/api/quiz/" + state.session + "/answer", { typed: $("typed-answer").value }).then((next) => {
                if (!next) return;
                pending = next; phase = "graded";
                $("typed-answer").blur();
                $("verdict").textContent = next.graded.correct ? "✓ correct" : "✗ wrong";
                $("verdict").className = next.graded.correct ? "right" : "wrong";
                $("verdict").hidden = false;
                $("answer").innerHTML = next.graded.answer;
                $("answer").hidden = false;
              });
            });

            $("ratings").addEventListener("click", (event) => {
              const button = event.target.closest("button");
              if (button) rate(parseInt(button.dataset.rating, 10));
            });

            document.addEventListener("keydown", (event) => {
              if (event.target.id === "typed-answer") {
                if (event.key === "Escape") event.target.blur();
                return;
              }
              if (event.ctrlKey || event.metaKey || event.altKey || !state) return;
              if (event.key === " " || event.key === "Enter") {
                event.preventDefault();
                if (phase === "graded" && pending) show(pending); else reveal();
              } else if (["1", "2", "3", "4"].includes(event.key)) {
                rate(parseInt(event.key, 10));
              } else if (event.key === "u") {
                send("/api/quiz/" + state.session + "/undo", {}).then((next) => { if (next) show(next); });
              } else if (event.key === "d" && state.card && state.card.demoRun) {
                // The card's demo, run under it, as the terminal's d key does.
                const output = $("demo-output");
                fetch(state.card.demoRun).then((response) => response.text())
                  .then((html) => { output.innerHTML = html; output.hidden = false; });
              } else if (event.key === "s" && phase !== "graded") {
                send("/api/quiz/" + state.session + "/skip", {}).then((next) => { if (next) show(next); });
              }
            });

            send("/api/quiz", body).then((next) => { if (next) show(next); });
          }
        })();
        """
}
