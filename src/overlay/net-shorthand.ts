/**
 * The `--net` shorthand (a CLI flag, and editSeed's `net`): one ethernet per value, repeatable.
 *
 *     --net eth0=dhcp                 (also dhcp4, dhcp6)
 *     --net eth0=192.0.2.10/24,gw=192.0.2.1,dns=192.0.2.53,mac=52:54:00:12:34:56
 *     --net eth0=192.0.2.10/24+2001:db8::10/64,gw=192.0.2.1+2001:db8::1,search=example.com,mtu=9000
 *
 * Lists are joined with `+`; flags naming the same interface add up. Values are checked here so that
 * errors point at the flag (`--net[1]`, counting from 0); the result is an ordinary spec `network`
 * section, checked again like one.
 */
import type { Issue } from '../errors.js';
import { SPEC_MAC_HINT } from '../model/network/capabilities.js';
import { checkInterfaceName, checkMac, checkSearchDomain } from '../model/network/identifiers.js';
import { parseIpAddress, parseIpPrefix } from '../model/network/ip.js';
import type { EthernetSpec, NetworkSpec, RouteSpec } from '../input/network.js';

const DHCP_WORDS: Readonly<Record<string, 'dhcp4' | 'dhcp6'>> = { dhcp: 'dhcp4', dhcp4: 'dhcp4', dhcp6: 'dhcp6' };
const OPTIONS = ['gw', 'dns', 'search', 'mac', 'mtu'] as const;
type Option = (typeof OPTIONS)[number];
/** The whole syntax, lists included, for messages: users reach for commas where `+` is meant. */
export const NET_FLAG_FORM = 'IFACE=dhcp|dhcp6 or IFACE=ADDR/PREFIX[+ADDR/PREFIX...][,gw=GW[+GW]][,dns=IP[+IP...]][,search=DOMAIN[+DOMAIN...]][,mac=MAC][,mtu=N]';

/** What the flags say about one interface, before it becomes an EthernetSpec. */
interface Draft {
  dhcp4: boolean;
  dhcp6: boolean;
  addresses: string[];
  gateways: string[];
  nameservers: string[];
  search: string[];
  mac?: string;
  mtu?: number;
}

type Report = (message: string) => void;

function checkEach(values: readonly string[], check: (value: string) => string | null, report: Report): string[] {
  return values.filter((value) => {
    const message = check(value);
    if (message) report(message);
    return message === null;
  });
}

function parseResult<T>(parsed: { ok: true; value: T } | { ok: false; message: string }): string | null {
  return parsed.ok ? null : parsed.message;
}

function setOnce<K extends 'mac' | 'mtu'>(draft: Draft, key: K, value: Draft[K], iface: string, report: Report): void {
  if (draft[key] !== undefined && draft[key] !== value) report(`${key} given twice for ${iface} (${draft[key]} and ${value})`);
  else draft[key] = value;
}

function applyOption(draft: Draft, option: Option, value: string, iface: string, report: Report): void {
  const list = value.split('+');
  switch (option) {
    case 'gw':
      draft.gateways.push(...checkEach(list, (text) => parseResult(parseIpAddress(text)), report));
      break;
    case 'dns':
      draft.nameservers.push(...checkEach(list, (text) => parseResult(parseIpAddress(text)), report));
      break;
    case 'search':
      draft.search.push(...checkEach(list, checkSearchDomain, report));
      break;
    case 'mac':
      if (checkEach([value], checkMac, report).length === 1) setOnce(draft, 'mac', value.toLowerCase(), iface, report);
      break;
    case 'mtu':
      if (/^[1-9][0-9]{0,5}$/.test(value)) setOnce(draft, 'mtu', Number(value), iface, report);
      else report(`mtu=${value} is not a number`);
      break;
  }
}

function applyItem(draft: Draft, item: string, iface: string, report: Report): void {
  const equals = item.indexOf('=');
  if (equals < 0) {
    const dhcp = DHCP_WORDS[item];
    if (dhcp) draft[dhcp] = true;
    else if (item.includes('/')) draft.addresses.push(...checkEach(item.split('+'), (text) => parseResult(parseIpPrefix(text)), report));
    else if (parseIpAddress(item).ok) report(`"${item}" has no KEY=; lists are joined with + (e.g. dns=192.0.2.53+192.0.2.54), items with ','`);
    else report(`"${item}" is neither dhcp, dhcp4, dhcp6, an ADDRESS/PREFIX nor a KEY=VALUE option (${NET_FLAG_FORM})`);
    return;
  }
  const key = item.slice(0, equals);
  const value = item.slice(equals + 1);
  if (!(OPTIONS as readonly string[]).includes(key)) report(`unknown option "${key}" (known: ${OPTIONS.join(', ')})`);
  else if (value === '') report(`${key}= needs a value`);
  else applyOption(draft, key as Option, value, iface, report);
}

function toEthernet(draft: Draft): EthernetSpec {
  const routes: RouteSpec[] = draft.gateways.map((via) => ({ to: 'default', via }));
  const nameservers = {
    ...(draft.nameservers.length > 0 && { addresses: draft.nameservers }),
    ...(draft.search.length > 0 && { search: draft.search }),
  };
  return {
    ...(draft.mac !== undefined && { match: { macaddress: draft.mac } }),
    ...(draft.dhcp4 && { dhcp4: true }),
    ...(draft.dhcp6 && { dhcp6: true }),
    ...(draft.addresses.length > 0 && { addresses: draft.addresses }),
    ...(routes.length > 0 && { routes }),
    ...(Object.keys(nameservers).length > 0 && { nameservers }),
    ...(draft.mtu !== undefined && { mtu: draft.mtu }),
  };
}

export function parseNetFlags(values: readonly string[]): { network: NetworkSpec; issues: Issue[] } {
  const issues: Issue[] = [];
  const drafts = new Map<string, Draft>();
  values.forEach((value, index) => {
    const report: Report = (message) => issues.push({ path: `--net[${index}]`, message });
    const equals = value.indexOf('=');
    const iface = value.slice(0, Math.max(equals, 0));
    if (equals <= 0 || equals === value.length - 1) {
      report(`"${value}" is not ${NET_FLAG_FORM}`);
      return;
    }
    const nameProblem = checkInterfaceName(iface);
    if (nameProblem) {
      report(nameProblem);
      return;
    }
    const draft = drafts.get(iface) ?? { dhcp4: false, dhcp6: false, addresses: [], gateways: [], nameservers: [], search: [] };
    drafts.set(iface, draft);
    for (const item of value.slice(equals + 1).split(',')) {
      if (item === '') report('empty item (two commas in a row?)');
      else applyItem(draft, item, iface, report);
    }
  });
  const ethernets = Object.fromEntries([...drafts].map(([iface, draft]) => [iface, toEthernet(draft)]));
  return { network: drafts.size > 0 ? { ethernets } : {}, issues };
}

const ETHERNET_PATH = /^network\.ethernets\.([^.[]+)/;

/**
 * Problems found later in an interface the flags made (e.g. a config drive needs each NIC's MAC)
 * name the --net flag and its syntax rather than spec keys the user never wrote; the spec path
 * stays in the message so the two can be tied together.
 */
export function explainNetFlagIssues(values: readonly string[], issues: readonly Issue[]): Issue[] {
  const flagOf = new Map<string, number>();
  values.forEach((value, index) => {
    const iface = value.slice(0, Math.max(value.indexOf('='), 0));
    if (iface !== '' && !flagOf.has(iface)) flagOf.set(iface, index);
  });
  return issues.map((issue) => {
    const iface = ETHERNET_PATH.exec(issue.path)?.[1];
    const index = iface === undefined ? undefined : flagOf.get(iface);
    if (index === undefined) return issue;
    return { path: `--net[${index}]`, message: `${issue.path}: ${issue.message.replace(SPEC_MAC_HINT, `add mac=MAC to --net ${iface}=...`)}` };
  });
}

/** The spec's network with the flags' interfaces added; an interface given by flags replaces the spec's. */
export function mergeNetwork(spec: NetworkSpec | undefined, flags: NetworkSpec): NetworkSpec {
  if (flags.ethernets === undefined) return spec ?? flags;
  return { ...spec, ethernets: { ...spec?.ethernets, ...flags.ethernets } };
}
