use super::raster::*;
use super::ui::{stash_id, Stash};
use super::*;
use egui::epaint::{Mesh, Vertex, WHITE_UV};
use egui::{pos2, Pos2, Rect};

/// Textures with a 2x2 opaque white texture as the font texture (WHITE_UV hits white).
fn white_textures() -> CpuTextures {
    let mut t = CpuTextures::default();
    let mut delta = TexturesDelta::default();
    delta.set.insert(
        TextureId::default(),
        [ImageDelta::full(
            ColorImage::filled([2, 2], Color32::WHITE),
            TextureOptions::LINEAR,
        )]
        .into_iter()
        .collect(),
    );
    t.apply_and_clear(&mut delta);
    t
}

fn rect_prim(rect: Rect, clip: Rect, color: Color32) -> ClippedPrimitive {
    let mut mesh = Mesh::default();
    mesh.add_colored_rect(rect, color);
    ClippedPrimitive {
        clip_rect: clip,
        primitive: Primitive::Mesh(mesh),
    }
}

fn count_non(img: &Image, bg: [u8; 4], area: impl Fn(u32, u32) -> bool) -> usize {
    let mut n = 0;
    for y in 0..img.height {
        for x in 0..img.width {
            if area(x, y) && img.pixel(x, y) != Some(bg) {
                n += 1;
            }
        }
    }
    n
}

#[test]
fn filled_rect_is_exact_and_clipped() {
    let t = white_textures();
    let color = Color32::from_rgb(200, 30, 90);
    let rect = Rect::from_min_max(pos2(2.0, 3.0), pos2(12.0, 9.0));
    let img = rasterize(
        &[rect_prim(rect, Rect::EVERYTHING, color)],
        &t,
        16,
        12,
        1.0,
        Color32::BLACK,
    );
    assert_eq!(
        (img.width, img.height, img.pixels.len()),
        (16, 12, 16 * 12 * 4)
    );
    for y in 0..12 {
        for x in 0..16 {
            let inside = (2..12).contains(&x) && (3..9).contains(&y);
            let want = if inside {
                [200, 30, 90, 255]
            } else {
                [0, 0, 0, 255]
            };
            assert_eq!(img.pixel(x, y), Some(want), "pixel {x},{y}");
        }
    }

    // Same rect at 2 pixels per point, clipped to x < 5 points.
    let clip = Rect::from_min_max(Pos2::ZERO, pos2(5.0, 100.0));
    let img = rasterize(
        &[rect_prim(rect, clip, color)],
        &t,
        32,
        24,
        2.0,
        Color32::BLACK,
    );
    for y in 0..24 {
        for x in 0..32 {
            let inside = (4..10).contains(&x) && (6..18).contains(&y);
            let want = if inside {
                [200, 30, 90, 255]
            } else {
                [0, 0, 0, 255]
            };
            assert_eq!(img.pixel(x, y), Some(want), "pixel {x},{y}");
        }
    }
}

#[test]
fn adjacent_triangles_cover_each_pixel_once() {
    // A quad split on its diagonal, half-transparent: double coverage would show.
    let t = white_textures();
    let rect = Rect::from_min_max(pos2(0.3, 0.7), pos2(13.6, 9.2));
    let img = rasterize(
        &[rect_prim(
            rect,
            Rect::EVERYTHING,
            Color32::from_black_alpha(128),
        )],
        &t,
        16,
        12,
        1.0,
        Color32::WHITE,
    );
    for y in 0..12 {
        for x in 0..16 {
            let p = img.pixel(x, y).unwrap_or_default();
            assert!(p == [255; 4] || p == [127, 127, 127, 255], "{x},{y}: {p:?}");
        }
    }
}

#[test]
fn translucent_rect_blends_over_white() {
    let t = white_textures();
    // 50% red, premultiplied: (128, 0, 0, 128).
    let color = Color32::from_rgba_unmultiplied(255, 0, 0, 128);
    let rect = Rect::from_min_max(pos2(0.0, 0.0), pos2(4.0, 4.0));
    let img = rasterize(
        &[rect_prim(rect, Rect::EVERYTHING, color)],
        &t,
        4,
        4,
        1.0,
        Color32::WHITE,
    );
    // 128 + 255 * (1 - 128/255) = 255 for red; 255 * 127/255 = 127 for green and blue.
    assert_eq!(img.pixel(1, 1), Some([255, 127, 127, 255]));

    // Over a transparent background the output is unpremultiplied again.
    let img = rasterize(
        &[rect_prim(rect, Rect::EVERYTHING, color)],
        &t,
        4,
        4,
        1.0,
        Color32::TRANSPARENT,
    );
    assert_eq!(img.pixel(2, 2), Some([255, 0, 0, 128]));
}

#[test]
fn textured_quad_samples_texels() {
    // A 4x2 texture drawn 1:1 shows its texels exactly; drawn 2:1 with nearest, doubled.
    let mut t = CpuTextures::default();
    let id = TextureId::User(7);
    let texels: Vec<Color32> = (0..8u8)
        .map(|i| Color32::from_rgb(i * 30, 255 - i * 30, i))
        .collect();
    let mut delta = TexturesDelta::default();
    delta.set.insert(
        id,
        [ImageDelta::full(
            ColorImage::new([4, 2], texels.clone()),
            TextureOptions::NEAREST,
        )]
        .into_iter()
        .collect(),
    );
    t.apply_and_clear(&mut delta);
    let mut mesh = Mesh::with_texture(id);
    mesh.add_rect_with_uv(
        Rect::from_min_max(Pos2::ZERO, pos2(4.0, 2.0)),
        Rect::from_min_max(Pos2::ZERO, pos2(1.0, 1.0)),
        Color32::WHITE,
    );
    let prim = ClippedPrimitive {
        clip_rect: Rect::EVERYTHING,
        primitive: Primitive::Mesh(mesh),
    };
    let img = rasterize(std::slice::from_ref(&prim), &t, 4, 2, 1.0, Color32::BLACK);
    for (i, c) in texels.iter().enumerate() {
        let (x, y) = ((i % 4) as u32, (i / 4) as u32);
        assert_eq!(img.pixel(x, y), Some(c.to_array()), "texel {x},{y}");
    }
    let img = rasterize(&[prim], &t, 8, 4, 2.0, Color32::BLACK);
    assert_eq!(img.pixel(7, 3), Some(texels[7].to_array()));
    assert_eq!(img.pixel(2, 0), Some(texels[1].to_array()));
}

#[test]
fn partial_texture_update_lands_at_pos() {
    let mut t = CpuTextures::default();
    let id = TextureId::Managed(3);
    let mut delta = TexturesDelta::default();
    delta.set.insert(
        id,
        [
            ImageDelta::full(
                ColorImage::filled([8, 6], Color32::BLUE),
                TextureOptions::LINEAR,
            ),
            ImageDelta::partial(
                [5, 4],
                ColorImage::filled([2, 2], Color32::RED),
                TextureOptions::LINEAR,
            ),
            // Partly outside: cut, not a panic.
            ImageDelta::partial(
                [7, 5],
                ColorImage::filled([3, 3], Color32::GREEN),
                TextureOptions::LINEAR,
            ),
        ]
        .into_iter()
        .collect(),
    );
    // Partial update of an unknown texture: ignored.
    delta.set.insert(
        TextureId::Managed(99),
        [ImageDelta::partial(
            [0, 0],
            ColorImage::filled([1, 1], Color32::RED),
            TextureOptions::LINEAR,
        )]
        .into_iter()
        .collect(),
    );
    t.apply_and_clear(&mut delta);
    assert_eq!(t.size(id), Some([8, 6]));
    assert_eq!(t.size(TextureId::Managed(99)), None);
    assert_eq!(t.texel(id, 4, 4), Some(Color32::BLUE));
    assert_eq!(t.texel(id, 5, 4), Some(Color32::RED));
    assert_eq!(t.texel(id, 6, 5), Some(Color32::RED));
    assert_eq!(t.texel(id, 7, 4), Some(Color32::BLUE));
    assert_eq!(t.texel(id, 7, 5), Some(Color32::GREEN));
    assert_eq!(t.texel(id, 8, 5), None);

    let mut delta = TexturesDelta::default();
    delta.free.insert(id);
    t.apply_and_clear(&mut delta);
    assert!(t.is_empty());
}

#[test]
fn degenerate_input_does_not_panic() {
    let t = white_textures();
    let v = |x: f32, y: f32, u: f32| Vertex {
        pos: pos2(x, y),
        uv: pos2(u, u),
        color: Color32::from_rgba_premultiplied(250, 20, 10, 100),
    };
    let mesh = Mesh {
        indices: vec![
            0, 1, 2, 0, 0, 0, 3, 4, 5, 0, 1, 99, 6, 7, 8, 9, 10, 11, 12, 13, 14, 1,
        ],
        vertices: vec![
            v(0.0, 0.0, 0.0),
            v(f32::NAN, 1.0, 0.0),
            v(5.0, 5.0, f32::INFINITY),
            v(1.0, 1.0, 0.0),
            v(2.0, 2.0, 0.0),
            v(3.0, 3.0, 0.0), // collinear
            v(-1e30, -1e30, 1e30),
            v(1e30, -1e30, -1e30),
            v(0.0, 1e30, 0.5),
            v(-3e6, 5.0, 0.2),
            v(4e6, 6.0, 0.9),
            v(5.0, 9e6, 3.0),
            v(f32::INFINITY, 0.0, 0.0),
            v(0.0, f32::NEG_INFINITY, 0.0),
            v(1.0, 1.0, f32::NAN),
        ],
        texture_id: TextureId::default(),
    };
    let missing = Mesh {
        indices: vec![0, 1, 2],
        vertices: vec![v(0.0, 0.0, 0.0), v(9.0, 0.0, 0.0), v(0.0, 9.0, 0.0)],
        texture_id: TextureId::User(12345),
    };
    let clips = [
        Rect::EVERYTHING,
        Rect::NOTHING,
        Rect::NAN,
        Rect::from_min_max(pos2(-1e30, 3.0), pos2(1e30, 4.0)),
    ];
    let mut prims = Vec::new();
    for clip in clips {
        for mesh in [&mesh, &missing] {
            prims.push(ClippedPrimitive {
                clip_rect: clip,
                primitive: Primitive::Mesh(mesh.clone()),
            });
        }
    }
    for (w, h, ppp) in [
        (20, 20, 1.0),
        (0, 0, 1.0),
        (1, 0, 1.0),
        (7, 3, f32::NAN),
        (7, 3, 0.0),
        (7, 3, -2.0),
        (7, 3, f32::INFINITY),
        (3, 5, 1e-30),
        (u32::MAX, 1, 1.0),
    ] {
        let img = rasterize(&prims, &t, w, h, ppp, Color32::DARK_GRAY);
        assert_eq!(
            img.pixels.len(),
            img.width as usize * img.height as usize * 4
        );
    }
    // The big clipped triangle (guard-band path) still paints inside the 20x20 frame.
    let img = rasterize(&prims, &t, 20, 20, 1.0, Color32::DARK_GRAY);
    assert!(count_non(&img, [64, 64, 64, 255], |_, _| true) > 0);
    // An empty image cannot be a PNG, but that is an error, not a panic.
    let empty = rasterize(&prims, &t, 0, 5, 1.0, Color32::BLACK);
    assert!(empty.encode_png().is_err());
    // A weird ColorImage (pixels shorter than its size) is padded, not a panic.
    let mut bad = CpuTextures::default();
    let image = ColorImage {
        size: [4, 4],
        source_size: egui::Vec2::splat(4.0),
        pixels: vec![Color32::RED; 3],
    };
    bad.set(
        TextureId::default(),
        &ImageDelta::full(image, TextureOptions::LINEAR),
    );
    assert_eq!(
        bad.texel(TextureId::default(), 3, 3),
        Some(Color32::TRANSPARENT)
    );
}

#[test]
fn big_triangles_match_across_the_guard_band() {
    // A rect whose corners are far outside the guard band paints the whole frame.
    let t = white_textures();
    let rect = Rect::from_min_max(pos2(-5e6, -5e6), pos2(5e6, 5e6));
    let img = rasterize(
        &[rect_prim(rect, Rect::EVERYTHING, Color32::GOLD)],
        &t,
        10,
        10,
        1.0,
        Color32::BLACK,
    );
    assert_eq!(count_non(&img, Color32::GOLD.to_array(), |_, _| true), 0);
}

fn label_ui(ui: &mut egui::Ui) {
    ui.label("Hungary, October 1956");
}

#[test]
fn text_renders_inside_its_rect() {
    let ctx = egui::Context::default();
    ctx.set_visuals(egui::Visuals::light());
    let mut label_rect = Rect::NOTHING;
    let img = render_ui(&ctx, egui::vec2(300.0, 60.0), 1.5, Color32::WHITE, |ui| {
        label_rect = ui.label("Hungary, October 1956").rect;
    });
    assert_eq!((img.width, img.height), (450, 90));
    let r = label_rect;
    assert!(r.width() > 50.0, "label laid out: {r:?}");
    let inside = |x: u32, y: u32| {
        let p = pos2((x as f32 + 0.5) / 1.5, (y as f32 + 0.5) / 1.5);
        r.contains(p)
    };
    let far = |x: u32, y: u32| {
        let p = pos2((x as f32 + 0.5) / 1.5, (y as f32 + 0.5) / 1.5);
        !r.expand(2.0).contains(p)
    };
    let white = [255; 4];
    let ink = count_non(&img, white, inside);
    assert!(ink > 200, "only {ink} inked pixels inside the label");
    assert_eq!(count_non(&img, white, far), 0);
    // Text is dark grey on white: some pixel is much darker than the background.
    let darkest = img
        .pixels
        .chunks_exact(4)
        .map(|p| p[0])
        .min()
        .unwrap_or(255);
    assert!(darkest < 100, "darkest {darkest}");
}

#[test]
fn render_ui_has_the_right_size_and_is_repeatable() {
    let ctx = egui::Context::default();
    let a = render_ui(&ctx, egui::vec2(64.5, 20.0), 2.0, Color32::WHITE, label_ui);
    assert_eq!((a.width, a.height), (129, 40));
    assert_eq!(a.pixels.len(), 129 * 40 * 4);
    // Same context again, and a fresh context: same bytes.
    let b = render_ui(&ctx, egui::vec2(64.5, 20.0), 2.0, Color32::WHITE, label_ui);
    let c = render_ui(
        &egui::Context::default(),
        egui::vec2(64.5, 20.0),
        2.0,
        Color32::WHITE,
        label_ui,
    );
    assert_eq!(a, b);
    assert_eq!(a, c);
    // PNG bytes are stable too, and decode to the same size.
    let png = a.encode_png().unwrap_or_default();
    assert_eq!(png.get(..8), Some(&b"\x89PNG\r\n\x1a\n"[..]));
    assert_eq!(b.encode_png().unwrap_or_default(), png);
    // Degenerate sizes give empty images, not panics.
    let z = render_ui(
        &ctx,
        egui::vec2(f32::NAN, -3.0),
        f32::NAN,
        Color32::WHITE,
        label_ui,
    );
    assert_eq!((z.width, z.height), (0, 0));
}

#[test]
fn thread_count_does_not_change_the_image() {
    let ctx = egui::Context::default();
    let draw = |ui: &mut egui::Ui| {
        ui.heading("Suez");
        let _ = ui.button("Export");
        ui.painter()
            .circle_filled(pos2(80.0, 60.0), 17.3, Color32::from_rgb(20, 120, 200));
        ui.painter().line_segment(
            [pos2(3.0, 90.0), pos2(190.0, 71.0)],
            egui::Stroke::new(1.3, Color32::RED),
        );
    };
    let one = rayon::ThreadPoolBuilder::new()
        .num_threads(1)
        .build()
        .map(|pool| {
            pool.install(|| render_ui(&ctx, egui::vec2(200.0, 100.0), 1.25, Color32::WHITE, draw))
        });
    let many = rayon::ThreadPoolBuilder::new()
        .num_threads(5)
        .build()
        .map(|pool| {
            pool.install(|| render_ui(&ctx, egui::vec2(200.0, 100.0), 1.25, Color32::WHITE, draw))
        });
    match (one, many) {
        (Ok(one), Ok(many)) => assert_eq!(one, many),
        (one, many) => panic!("thread pools: {:?} {:?}", one.err(), many.err()),
    }
}

#[test]
fn white_uv_is_white_in_the_font_atlas() {
    // egui paints solid shapes with WHITE_UV into the font texture.
    let ctx = egui::Context::default();
    let _ = render_ui(&ctx, egui::vec2(10.0, 10.0), 1.0, Color32::WHITE, label_ui);
    let stash = ctx.data_mut(|d| d.get_temp_mut_or_default::<Stash>(stash_id()).clone());
    let textures = stash.0.lock().unwrap_or_else(PoisonError::into_inner);
    assert_eq!(WHITE_UV, Pos2::ZERO);
    assert_eq!(
        textures.texel(TextureId::default(), 0, 0),
        Some(Color32::WHITE)
    );
}
