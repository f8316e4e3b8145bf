package org.flatcheck.fuzz;

import java.util.ArrayList;
import java.util.List;

/** One seed file of one target. */
record Seed(Target target, int index, byte[] bytes) {
    @Override
    public String toString() {
        return target + " seed " + index + " (" + (index < target.seeds.size() ? target.seeds.get(index) : "generated")
                + ", " + bytes.length + " bytes)";
    }

    static List<Seed> all() {
        List<Seed> out = new ArrayList<>();
        for (Target t : Target.values()) {
            List<byte[]> s = Seeds.all(t);
            for (int i = 0; i < s.size(); i++) {
                out.add(new Seed(t, i, s.get(i)));
            }
        }
        return out;
    }

    static List<Seed> json() {
        return all().stream().filter(s -> s.target().suffix.equals(".json")).toList();
    }
}
