in vec3 v_color;
in vec3 v_normal;
uniform mat3 u_normalToView;
out vec4 fragColor;
void main() {
    vec3 n = normalize(u_normalToView * v_normal);
    float light = 0.55 + 0.45 * max(dot(n, normalize(vec3(0.3, 0.5, 1.0))), 0.0);
    fragColor = vec4(v_color * light, 1.0);
}
