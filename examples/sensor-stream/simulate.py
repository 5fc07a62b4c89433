#!/usr/bin/env python3
"""Simulates the accelerometer readings this example bundles.

A 3-axis accelerometer (values in g) sampled at 50 Hz sits upright on a running
machine for 16 seconds: gravity on z, a faint 7 Hz hum and sensor noise. Three things
happen to it:
  - 4.0 s:  a knock, a short sharp spike on x and y;
  - 8.0 s:  it is slowly tilted by 30 degrees and back over three seconds (no impact);
  - 12.0 s: it falls off its shelf: 0.3 s of free fall, a hard landing, then it lies
            on its side (gravity on x).
Seeded, so every run writes the same file. Python's standard library only.

Writes src/main/resources/dev/rnnc/examples/sensorstream/readings.csv.
"""

import math
import pathlib
import random

RATE = 50
SECONDS = 16
OUT = (pathlib.Path(__file__).resolve().parent
       / "src/main/resources/dev/rnnc/examples/sensorstream/readings.csv")


def main():
    rng = random.Random(2024)
    rows = []
    for i in range(RATE * SECONDS):
        t = i / RATE
        hum = 0.03 * math.sin(2 * math.pi * 7 * t)
        # Slow tilt about the y axis: up to 30 degrees and back between 8 s and 11 s.
        tilt = math.radians(30) * math.sin(math.pi * (t - 8) / 3) if 8 <= t < 11 else 0.0
        x, y, z = math.sin(tilt), 0.0, math.cos(tilt)
        if 4.0 <= t < 4.08:                      # the knock
            k = (t - 4.0) / 0.08
            x += 2.2 * (1 - k)
            y -= 1.1 * (1 - k)
        if 12.0 <= t < 12.3:                     # free fall: the sensor reads ~0 g
            x, y, z = 0.0, 0.0, 0.0
        elif 12.3 <= t < 12.4:                   # landing
            k = (t - 12.3) / 0.1
            x, y, z = 3.0 * (1 - k) + k, 1.5 * (1 - k), 2.5 * (1 - k)
        elif t >= 12.4:                          # lying on its side
            x, y, z = 1.0, 0.0, 0.0
        rows.append((x + hum + rng.gauss(0, 0.02),
                     y + 0.5 * hum + rng.gauss(0, 0.02),
                     z + rng.gauss(0, 0.02)))
    OUT.parent.mkdir(parents=True, exist_ok=True)
    with open(OUT, "w", encoding="utf-8", newline="\n") as f:
        f.write("x,y,z\n")
        for r in rows:
            f.write(",".join(f"{v:.4f}" for v in r) + "\n")
    print(f"wrote {len(rows)} readings to {OUT.name}")


if __name__ == "__main__":
    main()
