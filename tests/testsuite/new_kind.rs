//! A kind of page written outside the product, as a program built on the library would: its code
//! here, its template in the fixture site, and a registry that adds it to the built-in kinds. No
//! other part of toolkit needs to know about it.

use serde::{Deserialize, Serialize};
use toolkit::content::front_matter::Located;
use toolkit::diagnostics::{Diagnostic, Diagnostics};
use toolkit::kinds::kit::toml_spans::{self, Keys};
use toolkit::kinds::kit::{Problem, fenced_blocks};
use toolkit::kinds::{ALL, FilesInput, Kind, KindInput, Registry, SearchEntry, SearchExtra};
use toolkit::site::{Options, build_in_memory};

use crate::harness::Site;

/// A risk register: a table of risks with their owners, and a CSV of it.
struct RiskRegister;

#[derive(Serialize, Deserialize)]
struct Risk {
    id: String,
    risk: String,
    owner: String,
}

struct Risks {
    risk: Vec<Risk>,
}

/// The keys of the block and of one risk.
const TOP: Keys<'static> = Keys {
    known: &["risk"],
    required: &["risk"],
    place: "the risks block",
    thing: "risks block",
};
const RISK: Keys<'static> = Keys {
    known: &["id", "risk", "owner"],
    required: &["id", "risk", "owner"],
    place: "a [[risk]]",
    thing: "risk",
};

impl Kind for RiskRegister {
    fn name(&self) -> &'static str {
        "risk-register"
    }

    fn template(&self) -> &'static str {
        "risk-register.html"
    }

    fn prepare(
        &self,
        input: &KindInput<'_>,
        _keys: &[Located<(String, toml::Value)>],
    ) -> Result<serde_json::Value, Vec<Diagnostic>> {
        let events: Vec<_> = pulldown_cmark::Parser::new(input.body)
            .into_offset_iter()
            .collect();
        let Some(block) = fenced_blocks(&events)
            .into_iter()
            .find(|b| b.info == ["toml", "risks"])
        else {
            let problem = Problem::new(0, "a risk register has no ```toml risks block", "add one");
            return Err(vec![problem.into_diagnostic(input)]);
        };
        // The kit's TOML reader gives every problem its place in the block.
        let base = block.span.map_or(block.block_end, |s| s.start);
        let placed = |problems: Vec<Problem>| -> Vec<Diagnostic> {
            problems
                .into_iter()
                .map(|p| p.shifted(base).into_diagnostic(input))
                .collect()
        };
        let doc = toml_spans::parse(
            &block.text,
            "the risks are not valid TOML",
            "write [[risk]] tables",
        )
        .map_err(|p| placed(vec![p]))?;
        let mut problems = Vec::new();
        let mut risks = Risks { risk: Vec::new() };
        let top = doc.table();
        top.check_keys(&TOP, |_| "add [[risk]] tables".into(), &mut problems);
        let tables = top
            .get("risk")
            .map(|v| v.tables("write [[risk]] tables", &mut problems));
        for table in tables.unwrap_or_default() {
            table.check_keys(&RISK, |key| format!("add `{key} = \"…\"`"), &mut problems);
            let mut text = |key: &str| -> String {
                let value = table.get(key).and_then(|v| v.text(&mut problems));
                value.unwrap_or_default().to_string()
            };
            let (id, risk, owner) = (text("id"), text("risk"), text("owner"));
            risks.risk.push(Risk { id, risk, owner });
        }
        if !problems.is_empty() {
            return Err(placed(problems));
        }
        Ok(serde_json::json!({ "risks": risks.risk, "csv": "risks.csv" }))
    }

    fn files(&self, input: &FilesInput<'_>) -> Result<Vec<(String, Vec<u8>)>, String> {
        let risks: Vec<Risk> =
            serde_json::from_value(input.data["risks"].clone()).map_err(|e| e.to_string())?;
        let mut sheet = toolkit::spreadsheet::Sheet::for_language(input.lang);
        sheet
            .row(["id", "risk", "owner"])
            .map_err(|e| e.to_string())?;
        for r in &risks {
            sheet
                .row([&r.id, &r.risk, &r.owner])
                .map_err(|e| e.to_string())?;
        }
        Ok(vec![(
            "risks.csv".into(),
            sheet.finish().map_err(|e| e.to_string())?,
        )])
    }

    fn search(&self, data: &serde_json::Value) -> SearchExtra {
        let risks: Vec<Risk> = serde_json::from_value(data["risks"].clone()).unwrap_or_default();
        SearchExtra {
            text: Vec::new(),
            entries: risks
                .into_iter()
                .map(|r| SearchEntry {
                    title: r.risk,
                    anchor: r.id,
                    about: r.owner,
                })
                .collect(),
        }
    }
}

fn options(site: &Site, kinds: Registry) -> Options {
    Options {
        root: site.root.clone(),
        build_date: Some("2026-11-22".into()),
        read_only_cache: true,
        kinds,
        ..Default::default()
    }
}

fn text(
    files: &std::collections::BTreeMap<String, toolkit::site::FileContent>,
    name: &str,
) -> String {
    let bytes = files
        .get(name)
        .unwrap_or_else(|| panic!("{name} was not made"))
        .read()
        .unwrap();
    String::from_utf8(bytes.into_owned()).unwrap()
}

#[test]
fn a_kind_of_its_own_needs_only_its_code_a_template_and_the_registry() {
    let site = Site::fixture("new-kind");
    let with_ours: Vec<&'static dyn Kind> = ALL
        .iter()
        .copied()
        .chain([&RiskRegister as &'static dyn Kind])
        .collect();
    let registry = Registry(Box::leak(with_ours.into_boxed_slice()));
    let mut diagnostics = Diagnostics::new();
    let built = build_in_memory(&options(&site, registry), &mut diagnostics);
    let shown: Vec<String> = diagnostics.iter().map(|d| d.to_string()).collect();
    let (_, files) = built.unwrap_or_else(|| panic!("{shown:#?}"));
    assert!(shown.is_empty(), "{shown:#?}");

    let page = text(&files, "risks/index.html");
    assert!(
        page.contains("<tr id=\"staff-leave\"><td>Trained therapists leave before go-live</td><td>Team manager</td></tr>"),
        "{page}"
    );
    assert!(
        page.contains("<a href=\"/kit/risks/risks.csv\" download>CSV</a>"),
        "{page}"
    );
    // Its download goes through the spreadsheet writer: a formula stays text.
    let csv = text(&files, "risks/risks.csv");
    assert!(csv.contains("formula,\"'=HYPERLINK"), "{csv}");
    // Search finds each risk at its row.
    let index = text(&files, "search-index.json");
    assert!(index.contains("/kit/risks/#staff-leave"), "{index}");

    // A misspelt key is named at its place, with the key that was meant.
    let written = site.read("content/risks.md");
    site.write(
        "content/risks.md",
        &written.replacen("owner =", "ownr =", 1),
    );
    let mut diagnostics = Diagnostics::new();
    assert!(build_in_memory(&options(&site, registry), &mut diagnostics).is_none());
    let shown: Vec<String> = diagnostics.iter().map(|d| d.to_string()).collect();
    assert_eq!(
        shown,
        [format!(
            "{}: error: unknown key `ownr` in a [[risk]]\n  hint: did you mean `owner`? a [[risk]] knows `id`, `risk`, `owner`",
            site.root.join("content/risks.md:11:1").display()
        )]
    );
    site.write("content/risks.md", &written);

    // Without it in the registry the page's kind is unknown, as any misspelt kind.
    let mut diagnostics = Diagnostics::new();
    assert!(build_in_memory(&options(&site, Registry::default()), &mut diagnostics).is_none());
    let shown: Vec<String> = diagnostics.iter().map(|d| d.to_string()).collect();
    assert!(
        shown[0].starts_with(&format!(
            "{}: error: unknown kind `risk-register`",
            site.root.join("content/risks.md:3:8").display()
        )),
        "{shown:#?}"
    );
}
