package org.flatcheck.calculus;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.commons.math3.fraction.BigFraction;
import org.flatcheck.exact.Q;

/**
 * Thrown where a derivative is asked for at a kink: some hidden pre-activation is exactly 0 on some data
 * point, so the activation rule {@code relu(0) = 0} picks one side of a boundary between linear regions.
 * flatcheck never silently picks a side: it reports every such zero (the {@link #sites()}), names one of
 * them ({@link #point()}, {@link #node()}: the first that takes both signs near θ, else the first), and
 * says in the message what is true of the loss there, decided from all sites:
 * <ul>
 *   <li>every zero stays 0 near θ (no bias, every input to the node identically 0): no activation changes
 *       near θ, so the loss is a polynomial there;
 *   <li>exactly one zero takes both signs near θ (the others stay 0): the loss near θ is one polynomial on
 *       each side of that zero's hypersurface, and comparing their gradients and Hessians at θ decides
 *       whether it is differentiable, and twice differentiable, at θ;
 *   <li>several take both signs: several linear regions meet at θ, and the loss need not be twice
 *       differentiable there (not decided).
 * </ul>
 */
public final class KinkException extends org.flatcheck.error.UndefinedAtPoint {
    private static final long serialVersionUID = 1L;
    /** Sites named in the message; the rest are counted ({@code hessian --json} lists them all). */
    private static final int NAMED = 4;

    /**
     * A hidden pre-activation that is exactly 0: the data point (0-based), the node's name, and whether it
     * stays 0 for every θ' near θ (no bias and every input to the node identically 0 there).
     */
    public record Site(int point, String node, boolean staysZero) {
    }

    /** What the loss is at θ, as far as the kink sites decide it. */
    enum Smoothness {
        /** Every site stays 0 near θ. */
        POLYNOMIAL,
        /** One site changes sign; the one-sided gradients differ. */
        NOT_DIFFERENTIABLE,
        /** One site changes sign; the gradients agree, the Hessians differ. */
        NOT_TWICE_DIFFERENTIABLE,
        /** One site changes sign; gradients and Hessians agree. */
        TWICE_DIFFERENTIABLE,
        /** Several sites change sign. */
        UNDECIDED
    }

    private final transient List<Site> sites;
    private final transient Site reported;

    KinkException(List<Site> sites, BigFraction[] input, Smoothness smoothness) {
        super(message(sites, reported(sites), input, smoothness));
        this.sites = List.copyOf(sites);
        this.reported = reported(sites);
    }

    /** The first site that changes sign near θ, else the first site. */
    static Site reported(List<Site> sites) {
        return sites.stream().filter(s -> !s.staysZero()).findFirst().orElse(sites.get(0));
    }

    private static String message(List<Site> sites, Site first, BigFraction[] input, Smoothness smoothness) {
        StringBuilder sb = new StringBuilder("kink: hidden node ").append(first.node())
                .append(" has pre-activation exactly 0 on data point ").append(first.point())
                .append(" (0-based; x = ").append(format(input)).append(')');
        List<Site> others = sites.stream().filter(s -> s != first).toList();
        if (!others.isEmpty()) {
            sb.append(", and ").append(others.size()).append(others.size() == 1 ? " other pre-activation is" : " other pre-activations are")
                    .append(" 0 too (").append(others.stream().limit(NAMED).map(s -> s.node() + " on data point " + s.point())
                            .collect(Collectors.joining(", ")))
                    .append(others.size() > NAMED ? ", and " + (others.size() - NAMED) + " more" : "").append(')');
        }
        String rest = others.isEmpty() ? "" : " (the others stay 0 near θ)";
        sb.append(switch (smoothness) {
            case POLYNOMIAL -> (others.isEmpty() ? "; it stays" : "; each of them stays")
                    + " 0 near θ (no bias, and every input to it is 0 there), so no activation changes near θ and the loss is "
                    + "a polynomial there, but flatcheck reports every zero pre-activation as a kink rather than pick a side";
            case NOT_DIFFERENTIABLE -> "; that pre-activation takes both signs arbitrarily close to θ" + rest
                    + " and the loss's one-sided derivatives there differ, so the loss is not differentiable at θ";
            case NOT_TWICE_DIFFERENTIABLE -> "; that pre-activation takes both signs arbitrarily close to θ" + rest
                    + " and the loss's one-sided Hessians there differ, so the loss is differentiable but not twice "
                    + "differentiable at θ";
            case TWICE_DIFFERENTIABLE -> "; that pre-activation takes both signs arbitrarily close to θ" + rest
                    + ", but the loss's expansions to second order on both sides agree, so the loss is twice differentiable "
                    + "at θ; flatcheck still reports every zero pre-activation as a kink";
            case UNDECIDED -> "; " + sites.stream().filter(s -> !s.staysZero()).count() + " of these take both signs "
                    + "arbitrarily close to θ, so several linear regions meet at θ and the loss need not be twice "
                    + "differentiable there; flatcheck does not pick a side";
        });
        return sb.toString();
    }

    private static String format(BigFraction[] x) {
        return Arrays.stream(x).map(Q::format).collect(Collectors.joining(", ", "[", "]"));
    }

    /** The 0-based index of the data point of the reported site. */
    public int point() {
        return reported.point();
    }

    /** The name of the hidden node of the reported site. */
    public String node() {
        return reported.node();
    }

    /** Every hidden pre-activation that is exactly 0, by data point, then in the network's node order. */
    public List<Site> sites() {
        return sites;
    }
}
