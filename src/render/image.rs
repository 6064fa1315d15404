//! The frame buffer as an RGBA image, and writing it as a PNG (atomically).

/// An RGBA8 image, row-major, sRGB, unpremultiplied alpha in the output.
#[derive(Clone, PartialEq, Eq)]
pub struct Image {
    pub width: u32,
    pub height: u32,
    /// `width * height * 4` bytes: R, G, B, A per pixel, rows top to bottom.
    pub pixels: Vec<u8>,
}

impl std::fmt::Debug for Image {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Image")
            .field("width", &self.width)
            .field("height", &self.height)
            .field("bytes", &self.pixels.len())
            .finish()
    }
}

impl Image {
    /// The RGBA bytes of pixel (`x`, `y`), if inside the image.
    pub fn pixel(&self, x: u32, y: u32) -> Option<[u8; 4]> {
        if x >= self.width || y >= self.height {
            return None;
        }
        let i = (y as usize * self.width as usize + x as usize) * 4;
        let p = self.pixels.get(i..i + 4)?;
        Some([p[0], p[1], p[2], p[3]])
    }

    /// Encodes as an 8-bit RGBA PNG (tagged sRGB). The bytes depend only on the pixels.
    pub fn encode_png(&self) -> Result<Vec<u8>, String> {
        let expected = (self.width as usize)
            .checked_mul(self.height as usize)
            .and_then(|n| n.checked_mul(4));
        if expected != Some(self.pixels.len()) {
            return Err(format!(
                "image is {}x{} but holds {} bytes",
                self.width,
                self.height,
                self.pixels.len()
            ));
        }
        if self.width == 0 || self.height == 0 {
            return Err(format!(
                "cannot encode an empty {}x{} image as PNG",
                self.width, self.height
            ));
        }
        let mut out = Vec::new();
        let mut encoder = png::Encoder::new(&mut out, self.width, self.height);
        encoder.set_color(png::ColorType::Rgba);
        encoder.set_depth(png::BitDepth::Eight);
        encoder.set_source_srgb(png::SrgbRenderingIntent::Perceptual);
        let mut writer = encoder
            .write_header()
            .map_err(|e| format!("PNG header: {e}"))?;
        writer
            .write_image_data(&self.pixels)
            .map_err(|e| format!("PNG data: {e}"))?;
        writer.finish().map_err(|e| format!("PNG end: {e}"))?;
        Ok(out)
    }

    /// Encodes as PNG and writes it to `path` (replacing any file there).
    /// Writes the PNG atomically: a temporary file in the same folder, synced, then renamed
    /// over `path`, so a reader never sees a half-written picture.
    pub fn write_png(&self, path: &std::path::Path) -> std::io::Result<()> {
        let bytes = self.encode_png().map_err(std::io::Error::other)?;
        crate::durable::fsio::write_atomic(path, &bytes)
    }
}
