// Life canvas: one quad over the whole board in world coordinates (1 unit = 1 cell, y down).
layout(location = 0) in vec2 a_position;
uniform mat4 u_worldToClip;
out vec2 v_world;
void main() {
    v_world = a_position;
    gl_Position = u_worldToClip * vec4(a_position, 0.0, 1.0);
}
