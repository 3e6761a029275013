// The generated bpg/proxmox classes srw uses, imported file by file: the generated index.ts
// barrel (lazy-index) uses CommonJS `require`, and loading all 209 bindings would cost synth time.
export { ProxmoxProvider } from './generated/providers/proxmox/provider/index.js';
export { VirtualEnvironmentVm, type VirtualEnvironmentVmConfig, type VirtualEnvironmentVmNetworkDevice } from './generated/providers/proxmox/virtual-environment-vm/index.js';
export { VirtualEnvironmentContainer, type VirtualEnvironmentContainerConfig } from './generated/providers/proxmox/virtual-environment-container/index.js';
export { VirtualEnvironmentFile } from './generated/providers/proxmox/virtual-environment-file/index.js';
export { DownloadFile } from './generated/providers/proxmox/download-file/index.js';
export { NetworkLinuxBridge } from './generated/providers/proxmox/network-linux-bridge/index.js';
export { NetworkLinuxVlan } from './generated/providers/proxmox/network-linux-vlan/index.js';
export { SdnZoneVlan } from './generated/providers/proxmox/sdn-zone-vlan/index.js';
export { SdnVnet } from './generated/providers/proxmox/sdn-vnet/index.js';
export { SdnSubnet } from './generated/providers/proxmox/sdn-subnet/index.js';
export { SdnApplier } from './generated/providers/proxmox/sdn-applier/index.js';
export { VirtualEnvironmentPool } from './generated/providers/proxmox/virtual-environment-pool/index.js';
export { VirtualEnvironmentClusterFirewall } from './generated/providers/proxmox/virtual-environment-cluster-firewall/index.js';
export { VirtualEnvironmentClusterFirewallSecurityGroup, type VirtualEnvironmentClusterFirewallSecurityGroupRule } from './generated/providers/proxmox/virtual-environment-cluster-firewall-security-group/index.js';
export { VirtualEnvironmentFirewallOptions } from './generated/providers/proxmox/virtual-environment-firewall-options/index.js';
export { VirtualEnvironmentFirewallRules } from './generated/providers/proxmox/virtual-environment-firewall-rules/index.js';
