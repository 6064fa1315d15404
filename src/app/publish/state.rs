//! What publishing keeps between frames: whether this app draws a picture or a poster page
//! (off-screen), and the file dialogs it asks (the in-app picker, when the platform has
//! none, is a side panel's).

use crate::app::base::dialogs::Dialogs;
use crate::app::base::tokens::Tokens;
use std::sync::Arc;

/// Pictures, posters and the dialogs that save them.
pub(in crate::app) struct Publishing {
    /// This app draws a picture (off-screen: no side panels, no search index).
    pub picture: bool,
    /// Drawing a poster page: paper has room for whole titles ([`Tokens::for_print`]).
    pub poster: bool,
    pub dialogs: Arc<dyn Dialogs>,
}

impl Publishing {
    pub fn new(picture: bool, dialogs: Arc<dyn Dialogs>) -> Publishing {
        Publishing {
            picture,
            poster: false,
            dialogs,
        }
    }

    /// The tokens to draw with: `tokens`, or their print version on a poster page.
    pub fn look(&self, tokens: Tokens) -> Tokens {
        if self.poster {
            tokens.for_print()
        } else {
            tokens
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_poster_page_draws_with_the_print_tokens_and_a_picture_with_the_screens() {
        let dialogs: Arc<dyn Dialogs> = Arc::new(crate::app::base::dialogs::NativeDialogs);
        // (never asked: drawing asks no dialog)
        let mut publishing = Publishing::new(true, dialogs);
        let screen = Tokens::dark();
        assert!(
            !publishing.look(screen.clone()).paper,
            "a picture of the screen"
        );
        publishing.poster = true;
        let paper = publishing.look(screen.clone());
        assert!(paper.paper && paper.label_slack() > 0.0, "a poster page");
        assert_eq!(paper.text_size, screen.text_size);
    }
}
