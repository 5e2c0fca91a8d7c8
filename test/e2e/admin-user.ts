/** The user the e2e specs log in as: a password, a key, sudo, a shell, checked in every guest. */
export const ADMIN_PASSWORD = 'correct horse battery staple';
export const ADMIN_KEY = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIByNidShqSJJ5gQSDcLpsl7eG8265tm+T3PzyG7f9lcD admin@laptop';

export const ADMIN_USER = {
  name: 'admin',
  password: ADMIN_PASSWORD,
  ssh_authorized_keys: [ADMIN_KEY],
  sudo: 'ALL=(ALL) NOPASSWD:ALL',
  groups: ['sudo', 'adm'],
  shell: '/bin/bash',
};
