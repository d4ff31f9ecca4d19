/**
 * The conditions a healthy node reports, in the order and with the reasons and messages the
 * real kubelet uses, shared by the lab's kubelet and the scale-mode simulator's fake nodes.
 */

/** MemoryPressure, DiskPressure and PIDPressure False, Ready True, all as of `at`. */
export function healthyNodeConditions(at: string): Record<string, string>[] {
  const cond = (type: string, status: string, reason: string, message: string) => ({
    type,
    status,
    lastHeartbeatTime: at,
    lastTransitionTime: at,
    reason,
    message,
  });
  return [
    cond(
      'MemoryPressure',
      'False',
      'KubeletHasSufficientMemory',
      'kubelet has sufficient memory available',
    ),
    cond('DiskPressure', 'False', 'KubeletHasNoDiskPressure', 'kubelet has no disk pressure'),
    cond('PIDPressure', 'False', 'KubeletHasSufficientPID', 'kubelet has sufficient PID available'),
    cond('Ready', 'True', 'KubeletReady', 'kubelet is posting ready status'),
  ];
}
