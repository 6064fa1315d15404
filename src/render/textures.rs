//! Textures: egui's font atlas and user images kept on the CPU, updated from each frame's
//! `TexturesDelta`, and sampled (nearest or linear, clamped or repeated) like a GPU would.

use super::*;

/// One texture as egui described it: premultiplied sRGBA texels, row-major.
#[derive(Clone)]
pub(super) struct Texture {
    pub(super) width: usize,
    pub(super) height: usize,
    pub(super) texels: Vec<[u8; 4]>,
    pub(super) options: TextureOptions,
}

impl Texture {
    pub(super) fn from_color_image(image: &ColorImage, options: TextureOptions) -> Self {
        let [width, height] = image.size;
        let Some(len) = width.checked_mul(height) else {
            return Self {
                width: 0,
                height: 0,
                texels: Vec::new(),
                options,
            };
        };
        // `ColorImage`'s fields are public, so its pixel count may not match its size: pad or cut.
        let mut texels: Vec<[u8; 4]> = image
            .pixels
            .iter()
            .take(len)
            .map(|c| c.to_array())
            .collect();
        texels.resize(len, [0; 4]);
        Self {
            width,
            height,
            texels,
            options,
        }
    }

    /// Copies `patch` into this texture with its top-left corner at `pos`, cut to the bounds.
    pub(super) fn patch(&mut self, pos: [usize; 2], patch: &ColorImage) {
        let [pw, ph] = patch.size;
        let [px, py] = pos;
        if px >= self.width || py >= self.height {
            return;
        }
        let cols = pw.min(self.width - px);
        let rows = ph.min(self.height - py);
        for row in 0..rows {
            let src_start = row * pw;
            let dst_start = (py + row) * self.width + px;
            let (Some(src), Some(dst)) = (
                patch.pixels.get(src_start..src_start + cols),
                self.texels.get_mut(dst_start..dst_start + cols),
            ) else {
                return;
            };
            for (d, s) in dst.iter_mut().zip(src) {
                *d = s.to_array();
            }
        }
    }
}

/// Textures egui asked for (font atlas and any images), kept up to date from TexturesDelta.
#[derive(Default, Clone)]
pub struct CpuTextures {
    pub(super) textures: HashMap<TextureId, Texture>,
}

impl CpuTextures {
    /// Applies a whole delta: first every `set` (whole images, and partial updates at `pos`),
    /// then every `free`. Does not empty `delta`: egui debug-asserts that a non-empty
    /// [`TexturesDelta`] is not dropped, so call `delta.clear()` afterwards, or use
    /// [`Self::apply_and_clear`]. A texture freed by this delta but still painted in the same
    /// frame needs [`Self::apply_sets`] before painting and [`Self::apply_frees`] after.
    pub fn apply(&mut self, delta: &TexturesDelta) {
        self.apply_sets(delta);
        self.apply_frees(delta);
    }

    /// [`Self::apply`], then empties `delta`.
    pub fn apply_and_clear(&mut self, delta: &mut TexturesDelta) {
        self.apply(delta);
        delta.clear();
    }

    /// Applies the `set` half of a delta (what egui painters do before painting).
    pub fn apply_sets(&mut self, delta: &TexturesDelta) {
        // The order between different ids does not matter; per id, the deltas are in order.
        for (id, deltas) in &delta.set {
            for image_delta in deltas {
                self.set(*id, image_delta);
            }
        }
    }

    /// Applies the `free` half of a delta (what egui painters do after painting).
    pub fn apply_frees(&mut self, delta: &TexturesDelta) {
        for id in &delta.free {
            self.textures.remove(id);
        }
    }

    /// Applies one image delta: a whole image replaces the texture (and its sampler options);
    /// a partial one (`pos: Some`) is copied into the existing texture, cut to its bounds, and
    /// is ignored when the texture is unknown.
    pub fn set(&mut self, id: TextureId, delta: &ImageDelta) {
        let ImageData::Color(image) = &delta.image;
        match delta.pos {
            None => {
                self.textures
                    .insert(id, Texture::from_color_image(image, delta.options));
            }
            Some(pos) => {
                if let Some(texture) = self.textures.get_mut(&id) {
                    texture.patch(pos, image);
                }
            }
        }
    }

    /// Size `[width, height]` of a known texture.
    pub fn size(&self, id: TextureId) -> Option<[usize; 2]> {
        self.textures.get(&id).map(|t| [t.width, t.height])
    }

    /// One texel as premultiplied [`Color32`], if the texture and position exist.
    pub fn texel(&self, id: TextureId, x: usize, y: usize) -> Option<Color32> {
        let t = self.textures.get(&id)?;
        if x >= t.width || y >= t.height {
            return None;
        }
        let [r, g, b, a] = *t.texels.get(y * t.width + x)?;
        Some(Color32::from_rgba_premultiplied(r, g, b, a))
    }

    /// Number of textures held.
    pub fn len(&self) -> usize {
        self.textures.len()
    }

    /// True if no texture is held.
    pub fn is_empty(&self) -> bool {
        self.textures.is_empty()
    }
}
