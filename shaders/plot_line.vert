// Line and point geometry in world coordinates, projected by the view's camera (GlView).
layout(location = 0) in vec2 a_position;
uniform mat4 u_worldToClip;
void main() {
    gl_Position = u_worldToClip * vec4(a_position, 0.0, 1.0);
    gl_PointSize = 3.0;
}
