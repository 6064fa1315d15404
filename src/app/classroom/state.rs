//! The classroom's state: presenting or not (and each mode's UI scale), the tour under way,
//! and the offer to start a lesson that was opened.

use crate::app::classroom::lesson::LessonOffer;
use crate::app::classroom::tour::Tour;

/// Presenting, the tour, the lesson offer.
pub(in crate::app) struct Classroom {
    pub presenting: bool,
    pub scale_normal: f32,
    pub scale_present: f32,
    pub tour: Option<Tour>,
    /// "Start the lesson" when the app was opened on a lesson file.
    pub lesson_offer: LessonOffer,
}

impl Classroom {
    /// Not touring, presenting as asked, with the remembered scales.
    pub fn new(presenting: bool, scale_normal: f32, scale_present: f32) -> Classroom {
        Classroom {
            presenting,
            scale_normal,
            scale_present,
            tour: None,
            lesson_offer: LessonOffer::default(),
        }
    }

    /// The UI scale in force (presentation or normal).
    pub fn scale(&self) -> f32 {
        if self.presenting {
            self.scale_present
        } else {
            self.scale_normal
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_mode_has_its_own_scale() {
        let mut classroom = Classroom::new(false, 1.0, 1.5);
        assert!((classroom.scale() - 1.0).abs() < f32::EPSILON);
        classroom.presenting = true;
        assert!((classroom.scale() - 1.5).abs() < f32::EPSILON);
    }
}
