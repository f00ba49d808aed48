//! `toolkit serve`: build the site into memory and serve it; with `--watch`, rebuild on every
//! change and reload open pages. An author's error never stops the server.

use std::net::IpAddr;
use std::sync::Arc;

use super::{Outcome, count, report};
use crate::diagnostics::Diagnostic;
use crate::serve::watch::Watch;
use crate::serve::{Builder, Report, Shared, http, is_loopback, server, site_url};
use crate::site::Options;

/// What `serve` was asked to do.
#[derive(Debug, Clone)]
pub struct ServeArgs {
    /// `base_url` here replaces the local address as well (`--base-url`).
    pub options: Options,
    pub bind: IpAddr,
    /// 0: any free port.
    pub port: u16,
    pub watch: bool,
    pub quiet: bool,
}

pub fn serve(args: &ServeArgs) -> Outcome {
    if !is_loopback(args.bind) {
        let d = Diagnostic::warning(format!(
            "serving on {}: other computers on the network can see the site",
            args.bind
        ))
        .with_hint("leave out --bind to serve on 127.0.0.1 only");
        anstream::eprintln!("{}", d.render(true));
    }
    let listening = match http::listen(args.bind, args.port) {
        Ok(listening) => listening,
        Err(e) => {
            let d = Diagnostic::error(format!("cannot listen on {}:{}: {e}", args.bind, args.port))
                .with_hint("choose another --port (0 picks a free one) or --bind address");
            anstream::eprintln!("{}", d.render(true));
            return Outcome::CannotListen;
        }
    };
    if let Some(asked) = listening.moved_from {
        anstream::eprintln!(
            "Port {asked} is in use; serving on port {} instead",
            listening.address.port()
        );
    }
    let mut builder = Builder::new(
        args.options.clone(),
        site_url(listening.address.ip(), listening.address.port()),
    );
    let (first, first_report) = builder.build(None);
    print_report(&first_report, "Built", args.quiet);
    let address = format!("{}{}", builder.site_url, first.base_path);
    let shared = Arc::new(Shared::new(first, builder.kept()));
    if let Err(e) = server::start(listening.listener, Arc::clone(&shared)) {
        anstream::eprintln!(
            "{}",
            Diagnostic::error(format!("cannot serve: {e}")).render(true)
        );
        return Outcome::CannotListen;
    }
    let _ = ctrlc::set_handler(|| {
        anstream::eprintln!("Stopped");
        std::process::exit(0);
    });
    // Watch before saying so, so that every change after the "Serving" line is seen.
    let watch = if args.watch {
        match Watch::new(&args.options.root) {
            Ok(watch) => Some(watch),
            Err(e) => {
                let d = Diagnostic::warning(format!("cannot watch the site for changes: {e}"))
                    .with_hint("still serving; restart toolkit serve after editing");
                anstream::eprintln!("{}", d.render(true));
                None
            }
        }
    } else {
        None
    };
    anstream::eprintln!(
        "Serving {address}{} (Ctrl-C stops)",
        if watch.is_some() {
            ", rebuilding on changes"
        } else {
            ""
        }
    );
    if let Some(mut watch) = watch {
        while let Some(changed) = watch.next_change(|path| builder.is_quick(path)) {
            builder.changed(changed);
            let (build, report) = match builder.update() {
                Some(updated) => updated,
                None => {
                    // Not an edit of pages alone: let the editor or tool finish first.
                    let Some(more) = watch.settle() else { break };
                    builder.changed(more);
                    builder.build(Some(&shared.current()))
                }
            };
            print_report(&report, "Rebuilt", args.quiet);
            shared.publish(build);
        }
    }
    loop {
        std::thread::park();
    }
}

/// One line per build, "Rebuilt in 0.45 s" (a rebuild of single pages: "Rebuilt in 0.004 s"),
/// or every problem and a summary.
fn print_report(built: &Report, what: &str, quiet: bool) {
    report(&built.diagnostics);
    let seconds = built.elapsed.as_secs_f64();
    if built.succeeded {
        if !quiet {
            let decimals = if seconds < 0.1 { 3 } else { 2 };
            anstream::eprintln!("{what} in {seconds:.decimals$} s");
        }
    } else {
        let style = anstyle::Style::new()
            .bold()
            .fg_color(Some(anstyle::AnsiColor::Red.into()));
        anstream::eprintln!(
            "{}error{}: build failed in {seconds:.2} s: {}; serving the last good version, if any",
            style.render(),
            style.render_reset(),
            count(built.diagnostics.error_count(), "error"),
        );
    }
}
