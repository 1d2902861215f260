//! Which link `o` and `y` act on, and the policy check before anything is opened.

use crate::links::openable;
use crate::tui::app::{App, Mode, Pane};
use crate::tui::effect::Effect;
use crate::tui::markdown;

impl App {
    /// The URL the focused pane points at: the chosen link, else the segment's article.
    pub fn selected_url(&self) -> Option<String> {
        if self.mode == Mode::Search {
            return self.hits.get(self.sel.hit).and_then(|h| h.url.clone());
        }
        let e = self.episode()?;
        match self.focus {
            Pane::Links => e.links.get(self.sel.link).map(|l| l.url.clone()),
            Pane::Extras => {
                let item = e.extras.iter().flat_map(|x| x.items.iter()).nth(self.sel.extra)?;
                markdown::links(item).into_iter().next()
            }
            Pane::Jokes => {
                let joke = e.jokes.get(self.sel.joke)?;
                joke.url.clone().or_else(|| markdown::links(&joke.body).into_iter().next())
            }
            Pane::Body => match self.sel.body_link {
                Some(n) => self.segment().and_then(|s| markdown::links(&s.body).into_iter().nth(n - 1)),
                None => self.segment_url(),
            },
            Pane::Episodes | Pane::Hosts | Pane::Segments => self.segment_url(),
        }
    }

    /// The segment's article, else its first link.
    fn segment_url(&self) -> Option<String> {
        let s = self.segment()?;
        s.url.clone().or_else(|| s.links.first().map(|l| l.url.clone()))
    }

    /// `o` / `y`: the effect for the selected link, or a status message saying why there is none.
    pub(crate) fn link_effect(&mut self, make: fn(String) -> Effect) -> Option<Effect> {
        let Some(url) = self.selected_url() else {
            self.status = Some("No link here: pick a link in the Links pane, or a numbered link of the text.".into());
            return None;
        };
        match openable(&url) {
            Ok(url) => Some(make(url.to_owned())),
            Err(refusal) => {
                self.status = Some(format!("{refusal}: {}", crate::sanitize::clean_line(&url)));
                None
            }
        }
    }

    /// `1`–`9` in the text pane: pick that numbered link for `o` and `y`.
    pub(crate) fn select_body_link(&mut self, n: usize) {
        let links = self.segment().map(|s| markdown::links(&s.body)).unwrap_or_default();
        match links.get(n.wrapping_sub(1)) {
            Some(url) => {
                self.sel.body_link = Some(n);
                self.status =
                    Some(format!("Link [{n}]: {} — o opens it, y copies it", crate::sanitize::clean_line(url)));
            }
            None if links.is_empty() => self.status = Some("This text has no links.".into()),
            None => self.status = Some(format!("This text has links 1–{}.", links.len())),
        }
    }
}
