// Life canvas. u_cells holds the visible part of the board (u_texRect, in cells), one texel per
// cell when zoomed in, or one texel per block of cells (their live fraction) when zoomed out, so
// the upload never exceeds the viewport's size whatever the board's size.
in vec2 v_world;
uniform sampler2D u_cells;
uniform vec4 u_texRect;        // x, y, width, height in cells
uniform float u_pixelsPerCell; // screen pixels per cell
uniform int u_showGrid;
uniform int u_ages;            // 1: texel = age / 255 (1 = newborn)
out vec4 fragColor;

const vec3 kDead = vec3(0.075, 0.082, 0.102);
const vec3 kAlive = vec3(0.98, 0.84, 0.32);
const vec3 kGrid = vec3(0.22, 0.24, 0.29);

// Newborn cells are bright yellow, old ones cool blue (ages saturate at 255 frames).
vec3 agePalette(float a) {
    float t = clamp(log2(1.0 + a * 255.0) / 8.0, 0.0, 1.0);
    return mix(vec3(1.0, 0.92, 0.35), vec3(0.25, 0.45, 0.95), t);
}

void main() {
    vec2 uv = (v_world - u_texRect.xy) / u_texRect.zw;
    float v = 0.0;
    if (all(greaterThanEqual(uv, vec2(0.0))) && all(lessThan(uv, vec2(1.0))))
        v = texture(u_cells, uv).r;
    vec3 color = kDead;
    if (v > 0.0) {
        vec3 alive = u_ages == 1 ? agePalette(v) : kAlive;
        // Zoomed out, v is the live fraction of a block: show sparse blocks dimmer.
        float strength = u_pixelsPerCell < 1.0 ? clamp(0.35 + 1.3 * v, 0.35, 1.0) : 1.0;
        color = mix(kDead, alive, strength);
    }
    if (u_showGrid == 1 && u_pixelsPerCell >= 6.0) {
        vec2 f = fract(v_world);
        float px = 1.0 / u_pixelsPerCell;
        if (f.x < px || f.y < px)
            color = mix(color, kGrid, 0.7);
    }
    fragColor = vec4(color, 1.0);
}
