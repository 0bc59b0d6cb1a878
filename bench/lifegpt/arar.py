# ARAR curve: N random broad-entropy GRID x GRID torus boards (density uniform in [0,1], Python's
# random with seed 2024), each rolled out STEPS steps by the model beside true Life; mean cell
# accuracy per step and the fraction of rollouts still exact.
# Usage: python3 arar.py CLI MODEL N STEPS [GRID]   (GRID defaults to 8)
import json, random, subprocess, sys
cli, model, n, steps = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
g = int(sys.argv[5]) if len(sys.argv) > 5 else 8
rng = random.Random(2024)
acc = [0.0] * steps
exact = [0] * steps
for i in range(n):
    d = rng.random()
    rows = []
    for y in range(g):
        rows.append(''.join('o' if rng.random() < d else 'b' for _ in range(g)))
    open('b.rle', 'w').write(f'x = {g}, y = {g}, rule = B3/S23:T{g},{g}\n' + '$'.join(rows) + '!\n')
    out = subprocess.run([cli, 'lifegpt', 'predict', '--model', model, '--in', 'b.rle', '--steps',
                          str(steps), '--json', '--out', 'o.rle'], capture_output=True, text=True,
                         check=True).stdout
    j = json.loads(out)
    first = j['first_error_step']
    for s in range(steps):
        acc[s] += j['cell_accuracy'][s]
        exact[s] += 1 if (first is None or first > s + 1) else 0
for s in range(steps):
    if s + 1 in (1, 2, 3, 5, 10, 20, 30, 40, 50):
        print(f"| {s+1} | {acc[s]/n:.4f} | {exact[s]/n:.2f} |")
