//! The app's identity on the desktop: its id (the desktop entry's and the AppStream
//! metainfo's name, and the window's app id, so the desktop matches window to menu entry) and
//! its icon, the same timeline drawn in `assets/icons/` that the package installs, decoded from
//! the embedded 256 px PNG for the window.

/// The desktop id: `assets/linux/<APP_ID>.desktop`, `<APP_ID>.metainfo.xml`, and the
/// window's app id (Wayland's app_id, X11's WM_CLASS).
pub const APP_ID: &str = "org.archive_timeline.ArchiveTimeline";

/// The icon's 256 px PNG, made from `assets/icons/archive-timeline.svg`.
static ICON_PNG: &[u8] = include_bytes!("../../../assets/icons/archive-timeline-256.png");

/// The window icon as RGBA pixels; `None` if the embedded PNG could not be decoded (the
/// window then has the platform's default icon).
pub fn window_icon() -> Option<egui::IconData> {
    let mut decoder = png::Decoder::new(std::io::Cursor::new(ICON_PNG));
    decoder.set_transformations(png::Transformations::EXPAND | png::Transformations::STRIP_16);
    let mut reader = decoder.read_info().ok()?;
    let mut buf = vec![0; reader.output_buffer_size()?];
    let info = reader.next_frame(&mut buf).ok()?;
    let pixels = &buf[..info.buffer_size()];
    let rgba: Vec<u8> = match info.color_type {
        png::ColorType::Rgba => pixels.to_vec(),
        png::ColorType::Rgb => pixels
            .chunks_exact(3)
            .flat_map(|p| [p[0], p[1], p[2], 255])
            .collect(),
        png::ColorType::GrayscaleAlpha => pixels
            .chunks_exact(2)
            .flat_map(|p| [p[0], p[0], p[0], p[1]])
            .collect(),
        png::ColorType::Grayscale => pixels.iter().flat_map(|&g| [g, g, g, 255]).collect(),
        png::ColorType::Indexed => return None,
    };
    Some(egui::IconData {
        rgba,
        width: info.width,
        height: info.height,
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_window_icon_is_the_256_px_timeline() {
        let icon = super::window_icon().expect("the embedded icon decodes");
        assert_eq!((icon.width, icon.height), (256, 256));
        assert_eq!(icon.rgba.len(), 256 * 256 * 4);
        // The corners are transparent (a rounded square), the middle is the dark blue ground.
        assert_eq!(icon.rgba[3], 0, "top-left corner");
        let at = |x: usize, y: usize| {
            let i = (y * 256 + x) * 4;
            [
                icon.rgba[i],
                icon.rgba[i + 1],
                icon.rgba[i + 2],
                icon.rgba[i + 3],
            ]
        };
        assert_eq!(
            at(128, 180),
            [0x1d, 0x35, 0x57, 255],
            "the ground below the lanes"
        );
    }
}
