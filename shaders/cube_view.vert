// Cube view: coloured sticker quads in 3-D, lit by a fixed light so faces stay distinguishable.
layout(location = 0) in vec3 a_position;
layout(location = 1) in vec3 a_normal;
layout(location = 2) in vec3 a_color;
uniform mat4 u_viewProjection;
out vec3 v_color;
out vec3 v_normal;
void main() {
    v_color = a_color;
    v_normal = a_normal;
    gl_Position = u_viewProjection * vec4(a_position, 1.0);
}
