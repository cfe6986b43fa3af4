// Ansible's inline arguments: key=value words, and options inside a free-form command.
import { describe, expect, it } from 'vitest';
import { extractOptions, parseKeyValues } from '../../src/runbook/inline-args.js';

describe('parseKeyValues', () => {
  it('reads key=value words, with quotes, integers as numbers and modes as written', () => {
    expect(parseKeyValues('path=/srv/app state=directory mode=0755 owner=www-data')).toEqual({ path: '/srv/app', state: 'directory', mode: '0755', owner: 'www-data' });
    expect(parseKeyValues(`line="127.0.0.1 app.local" path='/etc/hosts'`)).toEqual({ line: '127.0.0.1 app.local', path: '/etc/hosts' });
    expect(parseKeyValues('port=8080 timeout=5 host=10.0.4.20')).toEqual({ port: 8080, timeout: 5, host: '10.0.4.20' });
    expect(parseKeyValues('msg="a=b c"')).toEqual({ msg: 'a=b c' });
  });

  it('is not key=value unless every word is, nor with a quote left open', () => {
    expect(parseKeyValues('nginx')).toBeUndefined();
    expect(parseKeyValues('name=nginx started')).toBeUndefined();
    expect(parseKeyValues('"path"=/x')).toBeUndefined();
    expect(parseKeyValues('line="open')).toBeUndefined();
    expect(parseKeyValues('   ')).toBeUndefined();
    expect(parseKeyValues('name={{ dbname ')).toBeUndefined();
  });

  it("keeps Jinja's blocks whole, spaces and quotes inside them included (Ansible's split_args)", () => {
    expect(parseKeyValues('name={{ dbname }} state=present')).toEqual({ name: '{{ dbname }}', state: 'present' });
    expect(parseKeyValues(`name={{ dbuser }} password={{ upassword }} priv=*.*:ALL host='%'`)).toEqual({
      name: '{{ dbuser }}',
      password: '{{ upassword }}',
      priv: '*.*:ALL',
      host: '%',
    });
    expect(parseKeyValues(`msg={{ 'a b' | upper }} x={% if y %}1{% else %}2{% endif %}`)).toEqual({ msg: "{{ 'a b' | upper }}", x: '{% if y %}1{% else %}2{% endif %}' });
  });
});

describe('extractOptions', () => {
  const keys = ['creates', 'removes', 'chdir'];
  it('takes the option words out of a free-form command, the rest kept as written', () => {
    expect(extractOptions('/usr/bin/make_db.sh "db user" name creates=/var/lib/db chdir=/srv', keys)).toEqual({
      rest: '/usr/bin/make_db.sh "db user" name',
      options: { creates: '/var/lib/db', chdir: '/srv' },
    });
    expect(extractOptions(`touch "/srv/a b" removes='/srv/a b'`, keys)).toEqual({ rest: 'touch "/srv/a b"', options: { removes: '/srv/a b' } });
  });

  it("leaves words that are the command's own: quoted, or other keys, and a string with no option untouched", () => {
    expect(extractOptions(`echo "creates=/x" other=1`, keys)).toEqual({ rest: `echo "creates=/x" other=1`, options: {} });
    expect(extractOptions('printf  "%s\\n"   a', keys)).toEqual({ rest: 'printf  "%s\\n"   a', options: {} });
  });
});
