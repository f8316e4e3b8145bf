package org.flatcheck.cli;

/** Networks whose numbers are huge but whose sizes are small: inputs for the cost guards that count bits. */
final class HugeNetworks {
    private HugeNetworks() {
    }

    /**
     * A layered network (no biases) in the JSON format whose weight from unit i to unit j is {@code diagonal}
     * when i = j and a small fraction {@code −(i + 2j + 1)/7} otherwise.
     */
    static String layeredJson(int[] sizes, String diagonal) {
        StringBuilder net = new StringBuilder("{\"layers\": ").append(java.util.Arrays.toString(sizes)).append(", \"weights\": [");
        for (int l = 0; l + 1 < sizes.length; l++) {
            net.append(l == 0 ? "[" : ", [");
            for (int j = 0; j < sizes[l + 1]; j++) {
                net.append(j == 0 ? "[" : ", [");
                for (int i = 0; i < sizes[l]; i++) {
                    net.append(i == 0 ? "" : ", ").append('"').append(i == j ? diagonal : "-" + (i + 2 * j + 1) + "/7").append('"');
                }
                net.append(']');
            }
            net.append(']');
        }
        return net.append("]}").toString();
    }
}
