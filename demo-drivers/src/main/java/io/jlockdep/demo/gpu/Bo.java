package io.jlockdep.demo.gpu;

import io.jlockdep.demo.sys.AddressSpace;
import io.jlockdep.fence.Reservation;
import java.util.ArrayList;
import java.util.List;

/**
 * A GPU buffer object: its size, its reservation (the lock plus the fences of the work using it) and its
 * placement. A normal buffer lives in device memory while resident and may be evicted by the shrinker
 * when idle; a userptr buffer maps a range of a process's memory instead, and is invalidated when that
 * range is.
 *
 * <p>Placement, pinning, tiling and VM mappings are guarded by the reservation lock; the methods that
 * touch them check that the caller holds it.
 */
public final class Bo {
    private final String name;
    private final long pages;
    private final Reservation resv;
    private final AddressSpace userptrSpace;
    private final long userptrStart;

    // Guarded by resv.
    private boolean resident;
    private int pinCount;
    private String tiling = "linear";
    private final List<GpuVm> mappedIn = new ArrayList<>(2);

    /** Whether it is on the LRU. Guarded by BoManager's LRU lock. */
    boolean onLru;
    /** Userptr only: whether the GPU's view of the user pages is current. Guarded by the notifier lock. */
    boolean userPagesValid;

    Bo(String name, long pages, AddressSpace userptrSpace, long userptrStart) {
        if (pages < 1) {
            throw new IllegalArgumentException("buffer " + name + " needs at least one page, not " + pages);
        }
        this.name = name;
        this.pages = pages;
        this.resv = new Reservation(name);
        this.userptrSpace = userptrSpace;
        this.userptrStart = userptrStart;
    }

    /** The buffer's name. */
    public String name() {
        return name;
    }

    /** Its size in pages. */
    public long pages() {
        return pages;
    }

    /** Its reservation: lock and fences. */
    public Reservation resv() {
        return resv;
    }

    /** Whether it maps user memory (a userptr buffer) instead of device memory. */
    public boolean isUserptr() {
        return userptrSpace != null;
    }

    /** The address space a userptr buffer maps, or null. */
    public AddressSpace userptrSpace() {
        return userptrSpace;
    }

    /** Whether the user range of a userptr buffer overlaps {@code [start, end)}. */
    boolean overlaps(long start, long end) {
        return isUserptr() && userptrStart < end && start < userptrStart + pages * 4096;
    }

    /** The first user address a userptr buffer maps. */
    public long userptrStart() {
        return userptrStart;
    }

    /** Whether it is in device memory now. Needs the reservation lock. */
    public boolean isResident() {
        resv.assertHeld();
        return resident;
    }

    void setResident(boolean resident) {
        resv.assertHeld();
        this.resident = resident;
    }

    /** How many times it is pinned (a pinned buffer is never evicted). Needs the reservation lock. */
    public int pinCount() {
        resv.assertHeld();
        return pinCount;
    }

    void addPin(int delta) {
        resv.assertHeld();
        if (pinCount + delta < 0) {
            throw new IllegalStateException(this + " is not pinned");
        }
        pinCount += delta;
    }

    /** The tiling layout scanout needs to know. Needs the reservation lock. */
    public String tiling() {
        resv.assertHeld();
        return tiling;
    }

    /** Sets the tiling layout (the set-tiling ioctl). Needs the reservation lock. */
    public void setTiling(String tiling) {
        resv.assertHeld();
        this.tiling = tiling;
    }

    /** The VMs it is mapped into (a copy). Needs the reservation lock. */
    List<GpuVm> mappedIn() {
        resv.assertHeld();
        return new ArrayList<>(mappedIn);
    }

    void mapped(GpuVm vm, boolean mapped) {
        resv.assertHeld();
        if (mapped) {
            mappedIn.add(vm);
        } else {
            mappedIn.remove(vm);
        }
    }

    @Override
    public String toString() {
        return "bo " + name;
    }
}
