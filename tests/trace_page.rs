//! The trace page in a real browser: headless Chromium loads the pages of the lessons, and
//! the test checks that the script raised nothing, that the keys step as a learner expects,
//! and that the diagram the page drew at a few steps is the one the embedded trace describes
//! (the boxes by key, their titles, each row's value or arrow). The trace is replayed here
//! with serde_json, independently of the page's script. Screenshots of the late-binding and
//! counter lessons go to `target/trace-screens/` to be looked at. Without `chromium` the test
//! says it was skipped and passes.

mod common;

use common::root;
use serde_json::Value as Json;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Command;

fn chromium_missing() -> bool {
    let found = Command::new("chromium").arg("--version").output().is_ok_and(|o| o.status.success());
    if !found {
        eprintln!("skipped: no chromium to load the trace pages in");
    }
    !found
}

/// Runs headless Chromium on `url` with `args`, in a profile of its own. One runs at a time:
/// the load time measured must not include another page's.
fn chromium(args: &[&str], url: &str) -> String {
    static ONE: std::sync::Mutex<usize> = std::sync::Mutex::new(0);
    let mut runs = ONE.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    *runs += 1;
    let n = *runs;
    let profile = std::env::temp_dir().join(format!("cellar-chromium-{}-{n}", std::process::id()));
    let out = Command::new("chromium")
        .args(["--headless", "--disable-gpu", "--no-sandbox", "--hide-scrollbars", "--window-size=1400,900"])
        .arg(format!("--user-data-dir={}", profile.display()))
        .args(args)
        .arg(url)
        .output()
        .expect("chromium runs");
    let _ = std::fs::remove_dir_all(&profile);
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn url(page: &Path, rest: &str) -> String {
    format!("file://{}{rest}", page.display())
}

fn pages_dir() -> PathBuf {
    let dir = root().join("target/trace-pages");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// The page `cellar --trace` writes for a lesson.
fn lesson_page(name: &str) -> PathBuf {
    let page = pages_dir().join(format!("{name}.html"));
    let out = Command::new(env!("CARGO_BIN_EXE_cellar"))
        .arg("--trace")
        .arg(&page)
        .arg(root().join("examples").join(format!("{name}.py")))
        .env("NO_COLOR", "1")
        .output()
        .expect("cellar runs");
    assert!(out.status.success(), "{name}: {}", String::from_utf8_lossy(&out.stderr));
    page
}

/// The value of attribute `name` in the start tag `tag`, unescaped as the DOM dump escapes.
fn attr(tag: &str, name: &str) -> Option<String> {
    let start = tag.find(&format!(" {name}=\""))? + name.len() + 3;
    let end = start + tag[start..].find('"')?;
    Some(tag[start..end].replace("&quot;", "\"").replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&"))
}

/// Every start tag of the dump that begins with `prefix`.
fn tags<'a>(dom: &'a str, prefix: &str) -> Vec<&'a str> {
    dom.match_indices(prefix).map(|(i, _)| &dom[i..i + dom[i..].find('>').unwrap()]).collect()
}

/// A box as compared: its title, and each row's label with its value or arrow.
type Drawn = (String, Vec<(String, Option<String>, Option<String>)>);

/// The diagram the page drew: boxes by key, and the arrows (from, row, to).
fn drawn(dom: &str) -> (BTreeMap<String, Drawn>, BTreeSet<(String, u64, String)>) {
    let mut boxes = BTreeMap::new();
    let start = dom.find("<div id=\"diagram\">").expect("the diagram is drawn");
    let svg = &dom[start..start + dom[start..].find("</svg>").expect("an SVG")];
    for (i, node) in svg.split("<g class=\"node ").skip(1).enumerate() {
        let tag = format!(" {}", &node[..node.find('>').unwrap()]);
        let key = attr(&tag, "data-key").unwrap_or_else(|| panic!("box {i} has a key"));
        let rows = tags(node, "<g class=\"row")
            .iter()
            .map(|t| (attr(t, "data-label").unwrap(), attr(t, "data-text"), attr(t, "data-ref")))
            .collect();
        boxes.insert(key, (attr(&tag, "data-title").unwrap(), rows));
    }
    let arrows = tags(svg, "<path class=\"arrow")
        .iter()
        .map(|t| (attr(t, "data-from").unwrap(), attr(t, "data-row").unwrap().parse().unwrap(), attr(t, "data-to").unwrap()))
        .collect();
    (boxes, arrows)
}

/// The trace embedded in a page.
fn embedded(page: &Path) -> Json {
    let html = std::fs::read_to_string(page).unwrap();
    let start = html.find("id=\"cellar-trace\">").unwrap() + "id=\"cellar-trace\">".len();
    let end = start + html[start..].find("</script>").unwrap();
    serde_json::from_str(&html[start..end]).expect("the embedded trace is JSON")
}

/// The boxes of step `k` (0-based) as the trace says: the last full step before it with the
/// changes after it applied.
fn replayed(trace: &Json, k: usize) -> BTreeMap<String, Json> {
    let mut shown = BTreeMap::new();
    for step in &trace["steps"].as_array().unwrap()[..=k] {
        if step["full"] == Json::Bool(true) {
            shown.clear();
        }
        for key in step["del"].as_array().into_iter().flatten() {
            shown.remove(key.as_str().unwrap());
        }
        for node in step["set"].as_array().into_iter().flatten() {
            shown.insert(node["key"].as_str().unwrap().to_string(), node.clone());
        }
        for change in step["rows"].as_array().into_iter().flatten() {
            let mut row = change.clone();
            row.as_object_mut().unwrap().retain(|k, _| k != "key" && k != "row");
            shown.get_mut(change["key"].as_str().unwrap()).unwrap()["rows"][change["row"].as_u64().unwrap() as usize] = row;
        }
    }
    shown
}

fn described(nodes: &BTreeMap<String, Json>) -> (BTreeMap<String, Drawn>, BTreeSet<(String, u64, String)>) {
    let text = |v: &Json| v.as_str().map(str::to_string);
    let mut boxes = BTreeMap::new();
    let mut arrows = BTreeSet::new();
    for (key, node) in nodes {
        let rows: Vec<_> = node["rows"].as_array().unwrap().iter().map(|r| (text(&r["label"]).unwrap(), text(&r["text"]), text(&r["ref"]))).collect();
        for (i, row) in rows.iter().enumerate() {
            if let Some(to) = &row.2 {
                arrows.insert((key.clone(), i as u64, to.clone()));
            }
        }
        boxes.insert(key.clone(), (text(&node["title"]).unwrap(), rows));
    }
    (boxes, arrows)
}

fn body(dom: &str) -> &str {
    tags(dom, "<body").first().copied().expect("a body")
}

/// Loads `page` at step `k` (1-based) and checks what it drew against the trace.
fn check_step(page: &Path, trace: &Json, k: usize) -> (BTreeMap<String, Drawn>, BTreeSet<(String, u64, String)>) {
    let dom = chromium(&["--dump-dom"], &url(page, &format!("#step={k}")));
    let tag = body(&dom);
    assert_eq!(attr(tag, "data-ready").as_deref(), Some("1"), "{}: the script ran to its end", page.display());
    assert_eq!(attr(tag, "data-errors"), None, "{}: no script errors", page.display());
    assert_eq!(attr(tag, "data-step"), Some(k.to_string()));
    let got = drawn(&dom);
    let want = described(&replayed(trace, k - 1));
    assert_eq!(got, want, "{} step {k}: the page draws what the trace says", page.display());
    // The counter and the highlighted line follow the step.
    let steps = trace["steps"].as_array().unwrap().len();
    assert!(dom.contains(&format!("step {k} of {steps}")));
    let line = trace["steps"][k - 1]["line"].as_u64().unwrap();
    if line > 0 {
        assert!(dom.contains(&format!("<li data-line=\"{line}\" class=\"current")), "{} step {k}: line {line} is highlighted", page.display());
    } else {
        assert!(!dom.contains("class=\"current"), "{} step {k}: the end has no line", page.display());
    }
    got
}

#[test]
fn lesson_pages_draw_what_their_traces_say_and_step_with_the_keys() {
    if chromium_missing() {
        return;
    }
    let screens = root().join("target/trace-screens");
    // Only this run's pictures, whose step numbers are this run's.
    let _ = std::fs::remove_dir_all(&screens);
    std::fs::create_dir_all(&screens).unwrap();
    for name in ["02_late_binding", "04_nonlocal_counter", "01_how_closures_work", "08_closures_and_classes", "09_generators_and_closures"] {
        let page = lesson_page(name);
        let trace = embedded(&page);
        let steps = trace["steps"].as_array().unwrap().len();
        assert!(steps > 10, "{name}: {steps} steps");
        for k in [1, steps / 3, steps / 2, steps] {
            check_step(&page, &trace, k);
        }
        let dom = chromium(&["--dump-dom"], &url(&page, "?selftest#step=1"));
        let tag = body(&dom);
        assert_eq!(attr(tag, "data-errors"), None);
        assert_eq!(attr(tag, "data-selftest").unwrap(), format!("2,3,4,3,{steps},{steps},1,1"), "{name}: → → → ← End → Home ←");
        if name == "02_late_binding" || name == "04_nonlocal_counter" {
            for k in [steps / 4, steps / 2, steps] {
                let png = screens.join(format!("{name}-step{k}.png"));
                chromium(&[&format!("--screenshot={}", png.display())], &url(&page, &format!("#step={k}")));
                assert!(png.exists(), "{} was written", png.display());
            }
        }
    }
}

#[test]
fn the_late_binding_bug_is_one_cell_with_five_arrows_into_it() {
    if chromium_missing() {
        return;
    }
    let page = lesson_page("02_late_binding");
    let trace = embedded(&page);
    // The step where make_funcs returns: its frame and the five lambdas share `i`'s cell.
    let steps = trace["steps"].as_array().unwrap();
    let k = steps.iter().position(|s| s["kind"] == "return" && s["function"] == "make_funcs").expect("make_funcs returns") + 1;
    let (boxes, arrows) = check_step(&page, &trace, k);
    let cells: Vec<&String> = boxes.iter().filter(|(_, (title, _))| title.starts_with("cell #")).map(|(k, _)| k).collect();
    assert_eq!(cells.len(), 1, "{boxes:?}");
    let into: Vec<&(String, u64, String)> = arrows.iter().filter(|a| &a.2 == cells[0]).collect();
    assert_eq!(into.len(), 6, "five lambdas and the frame of make_funcs: {into:?}");
    assert_eq!(boxes[cells[0]].1[0], ("i".to_string(), Some("4".to_string()), None));
}

/// A closure called in a loop: six steps an iteration (the loop, the call, `add`'s call,
/// its two lines and its return), with a frame that comes and goes and a cell written.
const LOOP: &str = "def make_adder():\n    total = 0\n    def add(n):\n        nonlocal total\n        total += n\n        return total\n    return add\n\nadd = make_adder()\nfor i in range(100000):\n    add(i)\nprint(add(0))\n";

#[test]
fn a_trace_of_a_hundred_thousand_steps_loads_in_under_two_seconds() {
    if chromium_missing() {
        return;
    }
    let program = pages_dir().join("loop.py");
    std::fs::write(&program, LOOP).unwrap();
    let page = pages_dir().join("loop.html");
    let out = Command::new(env!("CARGO_BIN_EXE_cellar")).arg("--trace").arg(&page).arg(&program).output().unwrap();
    assert_eq!(String::from_utf8_lossy(&out.stdout), "4999950000\n", "the program runs to its end past the limit");
    let trace = embedded(&page);
    let steps = 100_000;
    assert_eq!(trace["steps"].as_array().unwrap().len(), steps);
    assert_eq!(trace["truncated"], serde_json::json!({"after": steps, "line": 5, "function": "add"}));
    // The best of three loads: the machine may be busy with something else.
    let mut times = Vec::new();
    let mut dom = String::new();
    while times.len() < 3 && times.iter().all(|&ms| ms >= 2000) {
        dom = chromium(&["--dump-dom"], &url(&page, &format!("#step={steps}")));
        let tag = body(&dom);
        assert_eq!(attr(tag, "data-errors"), None);
        times.push(attr(tag, "data-load-ms").unwrap().parse::<u64>().unwrap());
    }
    let ms = *times.iter().min().unwrap();
    eprintln!("{steps} steps, {} bytes: loaded and drew the last step in {times:?} ms", std::fs::metadata(&page).unwrap().len());
    assert!(ms < 2000, "{times:?} ms");
    assert!(dom.contains("<p id=\"truncated\">The trace stops after 100000 steps, at line 5 in add;"), "the page says where it stopped");
    check_step(&page, &trace, steps);
    check_step(&page, &trace, 54_321);
}

fn cellar(args: &[&std::ffi::OsStr], dir: &Path) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_cellar")).args(args).current_dir(dir).env("NO_COLOR", "1").output().expect("cellar runs")
}

#[test]
fn a_traced_program_prints_and_ends_as_it_does_untraced() {
    let dir = pages_dir();
    let raising = dir.join("raising.py");
    // A key whose repr would print, were the diagram to make it.
    std::fs::write(
        &raising,
        "class K:\n    def __repr__(self):\n        print('repr ran')\n        return 'K()'\n\nd = {K(): 1}\ndef f(n):\n    return 10 // n\n\nprint(f(2))\nprint(f(0))\n",
    )
    .unwrap();
    let mut programs: Vec<PathBuf> = ["01_how_closures_work", "02_late_binding", "04_nonlocal_counter", "09_generators_and_closures"]
        .iter()
        .map(|n| root().join("examples").join(format!("{n}.py")))
        .collect();
    programs.push(raising.clone());
    for program in &programs {
        let page = dir.join("same.html");
        let plain = cellar(&[program.as_os_str()], &dir);
        let traced = cellar(&["--trace".as_ref(), page.as_os_str(), program.as_os_str()], &dir);
        let text = |b: &[u8]| common::normalise(&String::from_utf8_lossy(b));
        assert_eq!(text(&traced.stdout), text(&plain.stdout), "{}", program.display());
        assert_eq!(text(&traced.stderr), text(&plain.stderr), "{}", program.display());
        assert_eq!(traced.status.code(), plain.status.code(), "{}", program.display());
        let trace = embedded(&page);
        assert_eq!(trace["output"].as_str().unwrap().as_bytes(), traced.stdout, "the page has the whole output");
    }
    // The page of the program that raised ends with the exception leaving f, then the module.
    let page = dir.join("raising.html");
    let out = cellar(&["--trace".as_ref(), page.as_os_str(), raising.as_os_str()], &dir);
    assert_eq!(out.status.code(), Some(1));
    let trace = embedded(&page);
    let kinds: Vec<(&str, &str)> = trace["steps"].as_array().unwrap().iter().map(|s| (s["kind"].as_str().unwrap(), s["function"].as_str().unwrap())).collect();
    assert_eq!(kinds[kinds.len() - 2..], [("exception", "f"), ("end", "<module>")], "{kinds:?}");
}

#[test]
fn a_page_that_cannot_be_written_stops_cellar_before_the_program_runs() {
    let dir = pages_dir();
    let program = dir.join("hello.py");
    std::fs::write(&program, "print('hello')\n").unwrap();
    let out = cellar(&["--trace".as_ref(), "/no/such/folder/page.html".as_ref(), program.as_os_str()], &dir);
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty(), "the program did not run");
    assert_eq!(String::from_utf8_lossy(&out.stderr), "cellar: cannot write /no/such/folder/page.html: No such file or directory (os error 2)\n");
}
